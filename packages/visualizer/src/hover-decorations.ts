import type { TokenHover } from './interaction-host.js';
import { sparkCursor } from './sparkline.js';
import type { TokenLayer } from './token-layer.js';

/**
 * What follows the hovered token outside Lit's templates, by direct DOM writes: the keyboard
 * cursor outline, the cursor line across every sparkline, and the tooltip's position.
 */
export class HoverDecorations {
  private cursorSpan: HTMLElement | null = null;

  /** Forget the cursor span (the tokens were rebuilt). */
  reset(): void {
    this.cursorSpan = null;
  }

  sync(root: ParentNode, layer: TokenLayer, hover: TokenHover | null): void {
    const cursor = hover?.source === 'keyboard' ? (layer.spans[hover.position] ?? null) : null;
    if (cursor !== this.cursorSpan) {
      this.cursorSpan?.removeAttribute('data-cursor');
      cursor?.setAttribute('data-cursor', '');
      this.cursorSpan = cursor;
    }
    const factors = root.querySelector<HTMLElement>('.factors');
    if (factors) {
      if (hover) {
        factors.dataset.cursor = '';
        const x = sparkCursor(hover.position, layer.spans.length);
        factors.style.setProperty('--cursor', String(x));
      } else {
        delete factors.dataset.cursor;
      }
    }
    if (hover) this.placeTooltip(root, layer.spans[hover.position]);
  }

  /** Below the token, or above it when there is no room below; never past the sides. */
  private placeTooltip(root: ParentNode, span: HTMLElement | undefined): void {
    const wrap = root.querySelector<HTMLElement>('.text-wrap');
    const tip = root.querySelector<HTMLElement>('.tooltip');
    if (!span || !wrap || !tip) return;
    const s = span.getBoundingClientRect();
    const w = wrap.getBoundingClientRect();
    const left = Math.max(0, Math.min(s.left - w.left, w.width - tip.offsetWidth));
    let top = s.bottom - w.top + 6;
    const above = s.top - w.top - tip.offsetHeight - 6;
    if (top + tip.offsetHeight > w.height && above >= 0) top = above;
    tip.style.left = `${left}px`;
    tip.style.top = `${top}px`;
  }
}
