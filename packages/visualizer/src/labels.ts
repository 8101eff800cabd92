import type { Explanation } from '@explainable-ecco/core';
import { formatPercent, formatScore, formatValue, quoteToken } from './format.js';
import type { ExplorerModel, FactorView } from './view-model.js';

/** The layer-share entries of a factor with their labels, largest first. */
export function layerShareEntries(
  factor: FactorView,
  layers: readonly number[] | undefined,
): Array<{ layer: string; share: number }> {
  const share = factor.layerShare;
  if (!share) return [];
  const named = layers && layers.length === share.length;
  return share
    .map((s, i) => ({ layer: named ? String(layers[i]) : `#${i}`, share: s }))
    .sort((a, b) => b.share - a.share);
}

/** Spoken summary of a factor's layer share, all layers, largest first. */
export function layerShareLabel(factor: FactorView, layers: readonly number[] | undefined): string {
  const entries = layerShareEntries(factor, layers);
  if (entries.length === 0) return '';
  return `Layer share: ${entries.map((e) => `layer ${e.layer} ${formatPercent(e.share)}`).join(', ')}.`;
}

/** Spoken details of an explanation's scores beyond the headline shown in the row. */
export function scoreDetails(e: Explanation | undefined): string {
  const s = e?.scores;
  if (!s) return '';
  return [
    typeof s.simulation === 'number' ? `simulation ${formatScore(s.simulation)}` : '',
    typeof s.detection === 'number' ? `detection ${formatScore(s.detection)}` : '',
    typeof s.baseline?.simulation === 'number'
      ? `random baseline ${formatScore(s.baseline.simulation)}`
      : '',
    typeof s.baseline?.detection === 'number'
      ? `random baseline detection ${formatScore(s.baseline.detection)}`
      : '',
  ]
    .filter(Boolean)
    .join(', ');
}

/**
 * The accessible description of a factor row: what its charts show, in words (the row's
 * visible text, its name, already says the number, explanation and score).
 */
export function factorRowDescription(
  model: ExplorerModel,
  factor: FactorView,
  explanation: Explanation | undefined,
): string {
  const n = model.tokens.length;
  const peak = model.tokens[factor.peak]!;
  const details = scoreDetails(explanation);
  const parts = [
    factor.max > 0
      ? `Peak ${formatValue(factor.max)} at ${quoteToken(peak.text)}, token ${factor.peak + 1} of ${n}.`
      : 'Zero at every token.',
    details ? `Scores: ${details}.` : '',
    layerShareLabel(factor, model.layers),
  ];
  return parts.filter(Boolean).join(' ');
}

/** What the live region says when the keyboard cursor lands on a token. */
export function tokenAnnouncement(
  model: ExplorerModel,
  position: number,
  shownFactor: number | null,
): string {
  const t = model.tokens[position]!;
  const values = model.factorization.factors.map((row) => row[position]!);
  const kind =
    t.token.kind === 'output' ? ', generated' : t.token.kind === 'special' ? ', special' : '';
  const head = `${quoteToken(t.text)}, token ${position + 1} of ${model.tokens.length}${kind}.`;
  const shown =
    shownFactor !== null ? ` Factor ${shownFactor}: ${formatValue(values[shownFactor]!)}.` : '';
  const dominant =
    t.dominant >= 0
      ? ` Dominant factor ${t.dominant}: ${formatValue(values[t.dominant]!)}.`
      : ' Every factor is 0.';
  const all = ` All factors: ${values.map((v, i) => `${i}: ${formatValue(v)}`).join(', ')}.`;
  return head + shown + dominant + all;
}
