import { factorColorVar } from './palette.js';
import type { ExplorerModel } from './view-model.js';

/** Intensities as CSS numbers, rounded so equal-looking values compare equal and skip writes. */
function toCss(values: ArrayLike<number>): string[] {
  const out = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = String(Math.round(values[i]! * 1000) / 1000);
  return out;
}

/**
 * The text view's tokens. They are built once per data set as plain DOM (text nodes only, so
 * token text can never become markup) and recoloured in one pass of style writes, never
 * re-rendered: a hover touches only the `--a` intensity of tokens whose value changes.
 */
export class TokenLayer {
  readonly spans: HTMLSpanElement[] = [];
  readonly model: ExplorerModel;
  readonly container: HTMLElement;
  private readonly shown: string[];
  private readonly dominantCss: string[];
  private readonly factorCss: Array<string[] | undefined>;
  private current: number | null | undefined = undefined;

  constructor(container: HTMLElement, model: ExplorerModel) {
    this.container = container;
    this.model = model;
    const n = model.tokens.length;
    this.shown = new Array<string>(n).fill('');
    this.factorCss = new Array(model.factors.length).fill(undefined);
    const dominant = new Float32Array(n);
    model.tokens.forEach((t, p) => {
      if (t.dominant >= 0) dominant[p] = model.factors[t.dominant]!.intensity[p]!;
    });
    this.dominantCss = toCss(dominant);
    this.build();
  }

  private build(): void {
    const doc = this.container.ownerDocument;
    const frag = doc.createDocumentFragment();
    let previousOutput = false;
    this.model.tokens.forEach((t, p) => {
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
      const kind = output ? 'out' : t.token.kind === 'special' ? 'special' : 'in';
      const first = t.gapBefore || p === 0 || this.model.tokens[p - 1]!.breakAfter;
      span.className = `tok ${kind}${t.symbolic ? ' sym' : ''}${first ? ' first' : ''}`;
      span.setAttribute('part', output ? 'token token-output' : 'token');
      span.dataset.p = String(p);
      if (t.dominant >= 0) span.style.setProperty('--c', `var(${factorColorVar(t.dominant)})`);
      span.textContent = t.text;
      frag.append(span);
      if (t.breakAfter) frag.append(doc.createElement('br'));
      this.spans.push(span);
    });
    this.container.replaceChildren(frag);
  }

  /** Shades every token by one factor, or by its dominant factor when `factor` is null. */
  show(factor: number | null): void {
    if (factor === this.current) return;
    this.current = factor;
    let css: string[];
    if (factor === null) {
      css = this.dominantCss;
      this.container.removeAttribute('data-factor');
      this.container.style.removeProperty('--mode-c');
    } else {
      css = this.factorCss[factor] ??= toCss(this.model.factors[factor]!.intensity);
      this.container.dataset.factor = String(factor);
      this.container.style.setProperty('--mode-c', `var(${factorColorVar(factor)})`);
    }
    const shown = this.shown;
    const spans = this.spans;
    for (let p = 0; p < spans.length; p++) {
      if (shown[p] !== css[p]) {
        spans[p]!.style.setProperty('--a', css[p]!);
        shown[p] = css[p]!;
      }
    }
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
