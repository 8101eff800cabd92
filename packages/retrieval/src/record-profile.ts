import type { FactorRecord } from '@explainable-ecco/core';
import { recordTokenKinds, type TokenKind } from './token-kinds.js';

/** What a record looks like at a glance: the facts both lexical and embedding search index. */
export interface RecordProfile {
  /** The record's windows (one covering everything when the record has none). */
  windows: Array<[number, number]>;
  /** Indices of the tokens at or above half the record's top value. */
  active: number[];
  /** Distinct active token texts, strongest first. */
  activeTexts: string[];
  /** Kinds that carry at least a third of the active value, strongest first. */
  activeKinds: TokenKind[];
  /** Kinds that make up at least a tenth of all tokens: what kind of text this is. */
  textKinds: TokenKind[];
  /** Shape of the activation, e.g. 'spread-sparse', 'rises-with-position', 'mixed-kinds'. */
  shape: string[];
}

const ACTIVE_SHARE = 1 / 3;
const TEXT_SHARE = 0.1;
const MAX_ACTIVE_TEXTS = 8;

export function profileRecord(record: FactorRecord): RecordProfile {
  const tokens = record.tokens;
  // Query records come from callers: windows outside the tokens are dropped, not trusted.
  const given = (record.windows ?? []).filter(
    (w): w is [number, number] =>
      Array.isArray(w) &&
      Number.isInteger(w[0]) &&
      Number.isInteger(w[1]) &&
      w[0] >= 0 &&
      w[0] < w[1] &&
      w[1] <= tokens.length,
  );
  const windows: Array<[number, number]> = given.length
    ? given.map(([s, e]) => [s, e])
    : [[0, tokens.length]];
  const kinds = recordTokenKinds(tokens, windows);
  const top = tokens.reduce((m, t) => Math.max(m, t.value), 0);
  const threshold = Math.max(1, Math.ceil(top / 2));
  const active = top > 0 ? tokens.flatMap((t, i) => (t.value >= threshold ? [i] : [])) : [];

  const activeKinds = dominantKinds(active, kinds, (i) => tokens[i]!.value, ACTIVE_SHARE);
  const all = tokens.map((_, i) => i);
  const textKinds = dominantKinds(all, kinds, () => 1, TEXT_SHARE);

  const byValue = [...active].sort((a, b) => tokens[b]!.value - tokens[a]!.value || a - b);
  const activeTexts: string[] = [];
  for (const i of byValue) {
    const text = tokens[i]!.text.trim() || (tokens[i]!.text.includes('\n') ? '\\n' : '␣');
    if (!activeTexts.includes(text)) activeTexts.push(text);
    if (activeTexts.length >= MAX_ACTIVE_TEXTS) break;
  }
  return {
    windows,
    active,
    activeTexts,
    activeKinds,
    textKinds,
    shape: shapeOf(record, windows, active, activeKinds),
  };
}

function dominantKinds(
  indices: readonly number[],
  kinds: readonly TokenKind[][],
  weight: (i: number) => number,
  minShare: number,
): TokenKind[] {
  const mass = new Map<TokenKind, number>();
  let total = 0;
  for (const i of indices) {
    const w = weight(i);
    total += w;
    for (const k of kinds[i]!) mass.set(k, (mass.get(k) ?? 0) + w);
  }
  if (total === 0) return [];
  return [...mass.entries()]
    .filter(([, m]) => m / total >= minShare)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k]) => k);
}

function shapeOf(
  record: FactorRecord,
  windows: ReadonlyArray<[number, number]>,
  active: readonly number[],
  activeKinds: readonly TokenKind[],
): string[] {
  const tokens = record.tokens;
  const shape: string[] = [];
  const nonzero = tokens.filter((t) => t.value > 0).length / tokens.length;
  if (active.length === 1) shape.push('spread-single');
  else if (nonzero >= 0.6) shape.push('spread-dense');
  else if (nonzero <= 0.2) shape.push('spread-sparse');
  else shape.push('spread-moderate');
  // Many active tokens that share no kind: the honest description is "no clear pattern".
  if (active.length >= 4 && !activeKinds.some((k) => k !== 'subword')) shape.push('mixed-kinds');
  const trend = positionTrend(record, windows);
  if (trend > 0.6) shape.push('rises-with-position');
  else if (trend < -0.6) shape.push('falls-with-position');
  if (active.length >= 3 && isPeriodic(active, windows)) shape.push('periodic-positions');
  return shape;
}

/** Mean Pearson correlation between offset-in-window and value, over windows of ≥ 4 tokens with ≥ 3 non-zero values. */
function positionTrend(record: FactorRecord, windows: ReadonlyArray<[number, number]>): number {
  let sum = 0;
  let n = 0;
  for (const [s, e] of windows) {
    const ys = record.tokens.slice(s, e).map((t) => t.value);
    // A trend needs several non-zero values; one spike at the end is not a rise.
    if (ys.length < 4 || ys.filter((y) => y > 0).length < 3) continue;
    const xs = ys.map((_, i) => i);
    const r = pearson(xs, ys);
    if (Number.isFinite(r)) {
      sum += r;
      n++;
    }
  }
  return n ? sum / n : 0;
}

function pearson(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Active tokens of a window at a constant stride ≥ 2 (e.g. every third position). */
function isPeriodic(active: readonly number[], windows: ReadonlyArray<[number, number]>): boolean {
  return windows.some(([s, e]) => {
    const inWindow = active.filter((i) => i >= s && i < e);
    if (inWindow.length < 3) return false;
    const stride = inWindow[1]! - inWindow[0]!;
    return stride >= 2 && inWindow.every((p, j) => j === 0 || p - inWindow[j - 1]! === stride);
  });
}
