import { EccoError } from '@explainable-ecco/core';

/**
 * Which tokens of a factor count as active. Values at or below zero are never active.
 * - `absolute`: raw value ≥ `threshold` (default 0.01, as the Python prototype).
 * - `relative`: raw value ≥ `fraction` × the factor's max (default 0.2).
 * - `quantile`: raw value ≥ the `q`-quantile of the factor's values (default 0.9).
 * - `top-k`: the `k` largest values (default 10; ties broken by position).
 * - `auto`: a threshold found in the data — `otsu` (default: best two-class split of the
 *   values) or `gap` (the largest drop between consecutive sorted values).
 */
export type MaskStrategy =
  | { kind: 'absolute'; threshold?: number }
  | { kind: 'relative'; fraction?: number }
  | { kind: 'quantile'; q?: number }
  | { kind: 'top-k'; k?: number }
  | { kind: 'auto'; method?: 'otsu' | 'gap' };

export const DEFAULT_MASK: MaskStrategy = { kind: 'absolute', threshold: 0.01 };

function badOption(what: string, hint: string): never {
  throw new EccoError('INVALID_ARGUMENT', `Invalid mask strategy: ${what}.`, { hint });
}

/** True at the positions the strategy keeps. */
export function activeMask(
  values: ArrayLike<number>,
  strategy: MaskStrategy = DEFAULT_MASK,
): boolean[] {
  const n = values.length;
  const positive = (i: number) => values[i]! > 0;
  const atLeast = (t: number) =>
    Array.from({ length: n }, (_, i) => positive(i) && values[i]! >= t);
  switch (strategy.kind) {
    case 'absolute': {
      const t = strategy.threshold ?? 0.01;
      if (!Number.isFinite(t)) badOption('threshold must be a finite number', 'Use e.g. 0.01.');
      return atLeast(t);
    }
    case 'relative': {
      const fraction = strategy.fraction ?? 0.2;
      if (!(fraction >= 0 && fraction <= 1))
        badOption('fraction must be within 0–1', 'Use e.g. { kind: "relative", fraction: 0.2 }.');
      return atLeast(fraction * maxOf(values));
    }
    case 'quantile': {
      const q = strategy.q ?? 0.9;
      if (!(q >= 0 && q <= 1))
        badOption('q must be within 0–1', 'Use e.g. { kind: "quantile", q: 0.9 }.');
      return atLeast(quantile(values, q));
    }
    case 'top-k': {
      const k = strategy.k ?? 10;
      if (!Number.isInteger(k) || k < 1)
        badOption('k must be a positive integer', 'Use e.g. { kind: "top-k", k: 10 }.');
      const order = Array.from({ length: n }, (_, i) => i)
        .filter(positive)
        .sort((a, b) => values[b]! - values[a]! || a - b)
        .slice(0, k);
      const mask = new Array<boolean>(n).fill(false);
      for (const i of order) mask[i] = true;
      return mask;
    }
    case 'auto': {
      const method = strategy.method ?? 'otsu';
      if (method !== 'otsu' && method !== 'gap')
        badOption(`unknown auto method ${JSON.stringify(method)}`, 'Use "otsu" or "gap".');
      return atLeast(method === 'otsu' ? otsuThreshold(values) : largestGapThreshold(values));
    }
    default:
      return badOption(
        `unknown kind ${JSON.stringify((strategy as { kind?: unknown }).kind)}`,
        'Use "absolute", "relative", "quantile", "top-k" or "auto".',
      );
  }
}

function maxOf(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > m) m = values[i]!;
  return m;
}

/** Linear-interpolated quantile (numpy's default). */
export function quantile(values: ArrayLike<number>, q: number): number {
  const s = Array.from(values).sort((a, b) => a - b);
  if (s.length === 0) return 0;
  const pos = q * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(s.length - 1, lo + 1);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

/**
 * Otsu's threshold: the split of the values into a low and a high class that maximises the
 * between-class variance. Returns the smallest value of the high class.
 */
export function otsuThreshold(values: ArrayLike<number>): number {
  const s = Array.from(values, (v) => Math.max(0, v)).sort((a, b) => a - b);
  const n = s.length;
  if (n < 2 || s[0] === s[n - 1]) return s[n - 1] ?? 0;
  const total = s.reduce((a, b) => a + b, 0);
  let lowSum = 0;
  let best = -1;
  let threshold = s[n - 1]!;
  for (let i = 0; i < n - 1; i++) {
    lowSum += s[i]!;
    if (s[i] === s[i + 1]) continue; // split only between distinct values
    const wLow = (i + 1) / n;
    const wHigh = 1 - wLow;
    const meanLow = lowSum / (i + 1);
    const meanHigh = (total - lowSum) / (n - i - 1);
    const between = wLow * wHigh * (meanLow - meanHigh) ** 2;
    if (between > best) {
      best = between;
      threshold = s[i + 1]!;
    }
  }
  return threshold;
}

/** The value just above the largest drop between consecutive sorted values (zero included). */
export function largestGapThreshold(values: ArrayLike<number>): number {
  const s = Array.from(values, (v) => Math.max(0, v)).sort((a, b) => b - a);
  if (s.length === 0) return 0;
  s.push(0);
  let bestGap = -1;
  let threshold = s[0]!;
  for (let i = 0; i < s.length - 1; i++) {
    const gap = s[i]! - s[i + 1]!;
    if (gap > bestGap) {
      bestGap = gap;
      threshold = s[i]!;
    }
  }
  return threshold;
}
