import { html, nothing, type TemplateResult } from 'lit';
import { formatValue } from './format.js';
import { factorColorVar } from './palette.js';
import type { ExplorerModel } from './view-model.js';

const KIND_LABEL = { input: 'input', output: 'generated', special: 'special' } as const;

/**
 * The tooltip body for one token: its text (and the raw piece when that differs), where it
 * is, and every factor's value with a bar, the shown and dominant factors marked in words.
 */
export function renderTokenTooltip(
  model: ExplorerModel,
  position: number,
  shownFactor: number | null,
): TemplateResult {
  const t = model.tokens[position]!;
  const raw = String(t.token.text ?? '');
  const values = model.factorization.factors.map((row) => row[position]!);
  return html`<p class="tip-head">
      ${t.text}
      <span class="tip-meta">
        ${raw !== t.text ? html`(${raw}) ` : nothing}· token ${position + 1} of
        ${model.tokens.length} · ${KIND_LABEL[t.token.kind] ?? t.token.kind}
      </span>
    </p>
    <dl class="tip-values" style="--cols: ${values.length > 12 ? 2 : 1}">
      ${values.map((v, i) => {
        const f = model.factors[i]!;
        const width = f.max > 0 ? Math.max(0, Math.min(1, v / f.max)) * 100 : 0;
        const marks = [i === shownFactor ? 'shown' : '', i === t.dominant ? 'dominant' : '']
          .filter(Boolean)
          .join(', ');
        const cls = i === shownFactor ? 'active' : '';
        const color = `--c: var(${factorColorVar(i)})`;
        return html`<dt class=${cls}>F${i}</dt>
          <dd class=${cls} style=${color}>
            <span class="track" aria-hidden="true"
              ><span class="bar" style="width: ${width.toFixed(1)}%"></span
            ></span>
            <span>${formatValue(v)}${marks ? ` (${marks})` : ''}</span>
          </dd>`;
      })}
    </dl>`;
}
