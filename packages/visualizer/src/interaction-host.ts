import type { InteractionSource } from './events.js';
import type { TokenLayer } from './token-layer.js';
import type { ExplorerModel } from './view-model.js';

/** A token under the pointer or the keyboard cursor. */
export interface TokenHover {
  position: number;
  source: InteractionSource;
}

/** What the user is pointing at or has focused; drives previews and the tooltip. */
export interface UiState {
  /** Factor row under the pointer. */
  hoverRow: number | null;
  /** Factor row with keyboard focus (previews like a hover). */
  focusPreview: number | null;
  /** Factor row holding the listbox's single tab stop. */
  focusRow: number;
  /** Token under the pointer or the keyboard cursor. */
  hover: TokenHover | null;
}

export const INITIAL_UI: UiState = { hoverRow: null, focusPreview: null, focusRow: 0, hover: null };

/**
 * What the interaction handlers may see and do of the element, passed as closures so the
 * element's internals stay private.
 */
export interface InteractionHost {
  model(): ExplorerModel | null;
  layer(): TokenLayer | null;
  ui(): UiState;
  /** Updates interaction state and re-renders when anything changed. */
  patch(changes: Partial<UiState>): void;
  /** The locked factor when it is a valid index, else null. */
  locked(): number | null;
  /** The factor the text shows now. */
  active(): number | null;
  setLock(factor: number | null, source: InteractionSource): void;
  /** Speaks through the element's polite live region. */
  announce(text: string): void;
  dispatch(event: Event): void;
  query<T extends Element>(selector: string): T | null;
}

/** Locks `factor`, or unlocks when it is the locked one. */
export function toggleLock(host: InteractionHost, factor: number, source: InteractionSource): void {
  host.setLock(host.locked() === factor ? null : factor, source);
}
