import type { ScoredIndex } from './top-k.js';

/**
 * Maximal marginal relevance (Carbonell & Goldstein 1998): picks `k` items one at a time, each
 * maximising λ·relevance − (1 − λ)·(its highest similarity to an item already picked).
 * Relevance is the candidates' scores rescaled to 0–1, so any retriever's scores work.
 * Returns the picked candidates (with their original scores) in pick order.
 */
export function maximalMarginalRelevance<T extends ScoredIndex>(
  candidates: readonly T[],
  k: number,
  lambda: number,
  similarity: (a: number, b: number) => number,
): T[] {
  if (candidates.length === 0) return [];
  const scores = candidates.map((c) => c.score);
  const lo = Math.min(...scores);
  const span = Math.max(...scores) - lo;
  const relevance = scores.map((s) => (span > 0 ? (s - lo) / span : 1));
  const maxSim = candidates.map(() => Number.NEGATIVE_INFINITY);
  const left = new Set(candidates.map((_, i) => i));
  const picked: T[] = [];
  while (picked.length < k && left.size > 0) {
    let best = -1;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (const i of left) {
      const redundancy = picked.length === 0 ? 0 : maxSim[i]!;
      const value = lambda * relevance[i]! - (1 - lambda) * redundancy;
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    }
    left.delete(best);
    const chosen = candidates[best]!;
    picked.push(chosen);
    for (const i of left) {
      maxSim[i] = Math.max(maxSim[i]!, similarity(candidates[i]!.index, chosen.index));
    }
  }
  return picked;
}
