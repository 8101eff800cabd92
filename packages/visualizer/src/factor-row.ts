import { type Explanation, redactSecrets } from '@explainable-ecco/core';
import { html, nothing, svg, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { headlineScore } from './explanations.js';
import { formatPercent, formatScore } from './format.js';
import { factorRowDescription, layerShareEntries, scoreDetails } from './labels.js';
import { factorColorVar } from './palette.js';
import { SPARK_HEIGHT, SPARK_WIDTH } from './sparkline.js';
import type { ExplorerModel, FactorView } from './view-model.js';

export interface FactorRowState {
  /** Shown in the text right now (hovered, focused or locked). */
  active: boolean;
  locked: boolean;
  /** Holds the listbox's single tab stop. */
  tabStop: boolean;
}

function explanationBlock(e: Explanation | undefined): TemplateResult {
  if (!e || (!e.error && !String(e.text ?? '').trim())) {
    return html`<p class="explanation none" part="explanation">No explanation</p>`;
  }
  if (e.error) {
    return html`<p class="explanation failed" part="explanation explanation-error">
      Explanation failed (${e.error.code}): ${redactSecrets(String(e.error.message ?? ''))}
    </p>`;
  }
  const by = [e.provider, e.model].filter(Boolean).join(' · ');
  return html`<p class="explanation" part="explanation">
    ${e.text}${by ? html` <span class="by">— ${by}</span>` : nothing}
  </p>`;
}

function scoreBadge(e: Explanation | undefined): TemplateResult | typeof nothing {
  const score = headlineScore(e);
  if (score === null) return nothing;
  return html`<span class="row-score" part="score" title=${scoreDetails(e) || nothing}
    >score ${formatScore(score)}</span
  >`;
}

function layerBars(model: ExplorerModel, factor: FactorView): TemplateResult | typeof nothing {
  const share = factor.layerShare;
  if (!share || share.length === 0) return nothing;
  const top = layerShareEntries(factor, model.layers)[0];
  const w = 100 / share.length;
  const max = Math.max(...share, 1e-9);
  return html`<svg
    class="layers"
    part="layer-share"
    viewBox="0 0 100 ${SPARK_HEIGHT}"
    preserveAspectRatio="none"
    aria-hidden="true"
  >
    ${share.map((s, i) => {
      const h = Math.max(0.5, (s / max) * (SPARK_HEIGHT - 1));
      return svg`<rect class=${s === max ? 'peak' : ''} x=${i * w + w * 0.1} width=${w * 0.8}
        y=${SPARK_HEIGHT - h} height=${h}></rect>`;
    })}
    <title>Layer share, largest: layer ${top?.layer} ${formatPercent(top?.share ?? 0)}</title>
  </svg>`;
}

/** Everything in a row that does not depend on hover or lock; re-rendered only with its data. */
function rowBody(
  model: ExplorerModel,
  factor: FactorView,
  explanation: Explanation | undefined,
  path: string,
): TemplateResult {
  const i = factor.index;
  return html`<span id="factor-desc-${i}" hidden
      >${factorRowDescription(model, factor, explanation)}</span
    >
    <div class="row-head">
      <span class="swatch" part="swatch" aria-hidden="true"></span>
      <span class="row-name">Factor ${i}</span>
      <span class="badge" part="locked-badge">locked</span>
      ${scoreBadge(explanation)}
    </div>
    ${explanationBlock(explanation)}
    <div class="charts">
      <div class="spark-wrap">
        <svg
          class="spark"
          part="sparkline"
          viewBox="0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}"
          preserveAspectRatio="none"
          aria-hidden="true"
        >
          <path d=${path}></path>
        </svg>
        <span class="spark-cursor" aria-hidden="true"></span>
      </div>
      ${layerBars(model, factor)}
    </div>`;
}

/**
 * One factor row: colour and number, explanation and score, sparkline of its values over the
 * text, and the layer share when known. The row is an option of the factor listbox; a hover
 * or lock only touches its attributes, the body is guarded by its data.
 */
export function renderFactorRow(
  model: ExplorerModel,
  factor: FactorView,
  explanation: Explanation | undefined,
  path: string,
  state: FactorRowState,
): TemplateResult {
  const i = factor.index;
  return html`<div
    role="option"
    id="factor-${i}"
    class="row ${state.active ? 'active' : ''}"
    part="factor-row${state.active ? ' factor-row-active' : ''}${state.locked ? ' factor-row-locked' : ''}"
    style="--c: var(${factorColorVar(i)})"
    data-f=${i}
    tabindex=${state.tabStop ? 0 : -1}
    aria-selected=${state.locked ? 'true' : 'false'}
    aria-describedby="factor-desc-${i}"
  >
    ${guard([model, factor, explanation, path], () => rowBody(model, factor, explanation, path))}
  </div>`;
}
