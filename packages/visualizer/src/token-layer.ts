import { levelClass, levelOf } from './intensity-levels.js';
import type { ExplorerModel } from './view-model.js';

/**
 * The text view's tokens. They are built once per data set as plain DOM (text nodes only, so
 * token text can never become markup) and recoloured in one pass of class writes (see
 * intensity-levels.ts), never re-rendered; tokens whose look does not change are not touched.
 */
export class TokenLayer {
  readonly spans: HTMLSpanElement[] = [];
  readonly model: ExplorerModel;
  readonly container: HTMLElement;
  private readonly paletteSize: number;
  /** The classes every token keeps (kind, word start, …). */
  private readonly base: string[] = [];
  private readonly shown: string[];
  /** Class names per view: index 0 the dominant view, f + 1 factor f; built on first use. */
  private readonly classes: Array<string[] | undefined>;
  private current: number | null | undefined = undefined;

  constructor(container: HTMLElement, model: ExplorerModel, paletteSize: number) {
    this.container = container;
    this.model = model;
    this.paletteSize = paletteSize;
    this.shown = new Array<string>(model.tokens.length).fill('');
    this.classes = new Array(model.factors.length + 1).fill(undefined);
    this.build();
  }

  private build(): void {
    const doc = this.container.ownerDocument;
    const frag = doc.createDocumentFragment();
    const tokens = this.model.tokens;
    tokens.forEach((t, p) => {
      const kind =
        t.token.kind === 'output' ? 'out' : t.token.kind === 'special' ? 'special' : 'in';
      const first = t.gapBefore || p === 0 || tokens[p - 1]!.breakAfter;
      this.base.push(`tok ${kind}${t.symbolic ? ' sym' : ''}${first ? ' first' : ''}`);
    });
    // Tokens are born in the dominant view, so the first paint needs no second pass.
    const names = this.classesFor(null);
    let previousOutput = false;
    tokens.forEach((t, p) => {
      if (t.gapBefore) frag.append(' ');
      const output = t.token.kind === 'output';
      if (output && !previousOutput) {
        // Generated text is marked in words too, not only by the tokens' styling.
        const mark = doc.createElement('span');
        mark.className = 'out-start';
        mark.setAttribute('part', 'output-start');
        mark.textContent = 'generated';
        frag.append(mark, ' ');
      }
      previousOutput = output;
      const span = doc.createElement('span');
      span.className = names[p]!;
      span.setAttribute('part', output ? 'token token-output' : 'token');
      span.dataset.p = String(p);
      span.textContent = t.text;
      frag.append(span);
      if (t.breakAfter) frag.append(doc.createElement('br'));
      this.spans.push(span);
      this.shown[p] = names[p]!;
    });
    this.current = null;
    this.container.replaceChildren(frag);
  }

  private classesFor(factor: number | null): string[] {
    const slot = factor === null ? 0 : factor + 1;
    const cached = this.classes[slot];
    if (cached) return cached;
    const { tokens, factors } = this.model;
    const out = new Array<string>(tokens.length);
    for (let p = 0; p < tokens.length; p++) {
      const f = factor ?? tokens[p]!.dominant;
      const cls = f < 0 ? '' : levelClass(f % this.paletteSize, levelOf(factors[f]!.intensity[p]!));
      out[p] = cls ? `${this.base[p]} ${cls}` : this.base[p]!;
    }
    this.classes[slot] = out;
    return out;
  }

  /** Shades every token by one factor, or by its dominant factor when `factor` is null. */
  show(factor: number | null): void {
    if (factor === this.current) return;
    this.current = factor;
    const names = this.classesFor(factor);
    const shown = this.shown;
    const spans = this.spans;
    for (let p = 0; p < spans.length; p++) {
      if (shown[p] !== names[p]) {
        spans[p]!.className = names[p]!;
        shown[p] = names[p]!;
      }
    }
    if (factor === null) delete this.container.dataset.factor;
    else this.container.dataset.factor = String(factor);
  }

  /** The factor currently shown (null: dominant view). */
  get factor(): number | null {
    return this.current ?? null;
  }

  /** Position of the token element, or -1 when `el` is not one. */
  positionOf(el: EventTarget | null): number {
    if (!(el instanceof Element)) return -1;
    const span = el.closest<HTMLElement>('.tok');
    if (!span || !this.container.contains(span)) return -1;
    return Number(span.dataset.p);
  }
}
