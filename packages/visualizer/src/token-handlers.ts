import {
  type EccoTokenHoverDetail,
  eccoEvent,
  type InteractionSource,
  TOKEN_HOVER_EVENT,
} from './events.js';
import { type InteractionHost, toggleLock } from './interaction-host.js';
import { isActivationKey, moveCursor } from './keyboard.js';
import { tokenAnnouncement } from './labels.js';
import { verticalNeighbour } from './token-nav.js';
import { valuesAt } from './view-model.js';

/** Points the tooltip at token `position` (null: none) and tells listeners. */
export function setTokenHover(
  host: InteractionHost,
  position: number | null,
  source: InteractionSource,
): void {
  const m = host.model();
  if (!m) return;
  const now = host.ui().hover;
  if (position === null) {
    if (!now) return;
    host.patch({ hover: null });
    const off: EccoTokenHoverDetail = {
      position: null,
      token: null,
      values: null,
      dominantFactor: null,
      source,
    };
    host.dispatch(eccoEvent(TOKEN_HOVER_EVENT, off));
    return;
  }
  if (now?.position === position && now.source === source) return;
  host.patch({ hover: { position, source } });
  const t = m.tokens[position]!;
  const on: EccoTokenHoverDetail = {
    position,
    token: t.token,
    values: valuesAt(m.factorization, position),
    dominantFactor: t.dominant >= 0 ? t.dominant : null,
    source,
  };
  host.dispatch(eccoEvent(TOKEN_HOVER_EVENT, on));
  if (source === 'keyboard') {
    host.announce(tokenAnnouncement(m, position, host.active()));
    host.layer()?.spans[position]?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }
}

/**
 * Event handlers of the text: pointing at a token shows its tooltip; the text is one tab stop
 * whose arrow keys move a cursor from token to token (Up/Down by visual line) and read every
 * value aloud; click or Enter locks the token's dominant factor; Escape unlocks.
 */
export function tokenHandlers(host: InteractionHost) {
  const positionOf = (e: Event) => host.layer()?.positionOf(e.target) ?? -1;
  const lockDominant = (position: number, source: InteractionSource) => {
    const dominant = host.model()?.tokens[position]?.dominant ?? -1;
    if (dominant >= 0) toggleLock(host, dominant, source);
  };
  return {
    pointerover(e: PointerEvent): void {
      const p = positionOf(e);
      if (p >= 0) setTokenHover(host, p, 'pointer');
    },

    pointerleave(): void {
      if (host.ui().hover?.source === 'pointer') setTokenHover(host, null, 'pointer');
    },

    click(e: MouseEvent): void {
      const p = positionOf(e);
      if (p >= 0) lockDominant(p, 'pointer');
    },

    focus(e: FocusEvent): void {
      if (!host.ui().hover && (e.target as Element).matches(':focus-visible')) {
        setTokenHover(host, 0, 'keyboard');
      }
    },

    blur(): void {
      if (host.ui().hover?.source === 'keyboard') setTokenHover(host, null, 'keyboard');
    },

    keydown(e: KeyboardEvent): void {
      const m = host.model();
      const layer = host.layer();
      if (!m || !layer) return;
      const current = host.ui().hover?.position ?? 0;
      const next =
        e.key === 'ArrowDown' || e.key === 'ArrowUp'
          ? verticalNeighbour(layer.spans, current, e.key === 'ArrowDown' ? 1 : -1)
          : moveCursor(e.key, current, m.tokens.length, { page: 50, vertical: false });
      if (next !== null) {
        e.preventDefault();
        setTokenHover(host, next, 'keyboard');
      } else if (isActivationKey(e.key)) {
        e.preventDefault();
        lockDominant(current, 'keyboard');
      } else if (e.key === 'Escape') {
        if (host.locked() !== null) {
          e.preventDefault();
          e.stopPropagation();
          host.setLock(null, 'keyboard');
        } else if (host.ui().hover) {
          e.preventDefault();
          setTokenHover(host, null, 'keyboard');
        }
      }
    },
  };
}
