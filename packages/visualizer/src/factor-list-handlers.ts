import { type InteractionHost, toggleLock } from './interaction-host.js';
import { isActivationKey, moveCursor } from './keyboard.js';

function rowOf(e: Event): number | null {
  const row = (e.target as Element | null)?.closest?.<HTMLElement>('[data-f]');
  return row ? Number(row.dataset.f) : null;
}

/**
 * Event handlers of the factor listbox: hover or keyboard focus previews a factor; click,
 * Enter or Space locks it (again: unlocks); Escape unlocks; arrows, Home and End move a
 * roving tab stop.
 */
export function factorListHandlers(host: InteractionHost) {
  return {
    pointerover(e: PointerEvent): void {
      const f = rowOf(e);
      if (f !== null) host.patch({ hoverRow: f });
    },

    pointerleave(): void {
      host.patch({ hoverRow: null });
    },

    click(e: MouseEvent): void {
      const f = rowOf(e);
      if (f === null) return;
      host.patch({ focusRow: f });
      toggleLock(host, f, e.detail === 0 ? 'keyboard' : 'pointer');
    },

    focusin(e: FocusEvent): void {
      const f = rowOf(e);
      if (f === null) return;
      host.patch({ focusRow: f });
      // Keyboard focus previews like a hover; a click's focus does not, so moving the mouse
      // away after a click still returns the text to its dominant colours.
      if ((e.target as Element).matches(':focus-visible')) host.patch({ focusPreview: f });
    },

    focusout(e: FocusEvent): void {
      const next = e.relatedTarget as Node | null;
      if (!next || !(e.currentTarget as Element).contains(next)) host.patch({ focusPreview: null });
    },

    keydown(e: KeyboardEvent): void {
      const m = host.model();
      if (!m) return;
      const current = host.ui().focusRow;
      const next = moveCursor(e.key, current, m.factors.length, { page: 5 });
      if (next !== null) {
        e.preventDefault();
        host.patch({ focusRow: next, focusPreview: next });
        const row = host.query<HTMLElement>(`#factor-${next}`);
        row?.focus();
        row?.scrollIntoView({ block: 'nearest' });
      } else if (isActivationKey(e.key)) {
        e.preventDefault();
        toggleLock(host, current, 'keyboard');
      } else if (e.key === 'Escape' && host.locked() !== null) {
        e.preventDefault();
        e.stopPropagation();
        host.setLock(null, 'keyboard');
      }
    },
  };
}
