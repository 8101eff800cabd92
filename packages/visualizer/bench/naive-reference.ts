// The reference the benchmark compares against: the straightforward Lit way, one template per
// token re-rendered on every hover. Bench-only; not shipped.
import { css, html, LitElement } from 'lit';

const COLORS = [
  '#e69f00',
  '#56b4e9',
  '#009e73',
  '#f0e442',
  '#0072b2',
  '#d55e00',
  '#cc79a7',
  '#999999',
];

interface Data {
  tokens: Array<{ display: string }>;
  factors: number[][];
}

class NaiveFactors extends LitElement {
  static override properties = { data: { attribute: false }, active: { state: true } };
  static override styles = css`
    .tok {
      padding: 0.1em;
    }
  `;
  declare data: Data | null;
  declare active: number | null;
  private max: number[] = [];

  constructor() {
    super();
    this.data = null;
    this.active = null;
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('data') && this.data) this.max = this.data.factors.map((r) => Math.max(...r));
  }

  protected override render() {
    const d = this.data;
    if (!d) return html``;
    const k = d.factors.length;
    return html`<div class="tokens">
        ${d.tokens.map((t, p) => {
          let f = this.active ?? 0;
          if (this.active === null) {
            for (let i = 1; i < k; i++) if (d.factors[i]![p]! > d.factors[f]![p]!) f = i;
          }
          const a = Math.round((d.factors[f]![p]! / this.max[f]!) * 75);
          return html` <span
            class="tok"
            style="background: color-mix(in srgb, ${COLORS[f % 8]} ${a}%, transparent)"
            >${t.display}</span
          >`;
        })}
      </div>
      <div class="rows">
        ${d.factors.map(
          (_, i) =>
            html`<div class="row" data-f=${i} @pointerover=${() => {
              this.active = i;
            }}>Factor ${i}</div>`,
        )}
      </div>`;
  }
}

customElements.define('naive-factors', NaiveFactors);
