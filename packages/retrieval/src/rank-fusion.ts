import type { ScoredIndex } from './top-k.js';

/** The constant of reciprocal-rank fusion (Cormack et al. 2009): damps the very top ranks. */
export const RRF_K = 60;

/**
 * Reciprocal-rank fusion: each item scores Σ 1 / (RRF_K + rank) over the rankings it appears in
 * (rank 1-based). Only ranks matter, so scores on different scales (BM25, cosine) fuse fairly.
 */
export function reciprocalRankFusion(
  rankings: ReadonlyArray<readonly ScoredIndex[]>,
  k: number,
): ScoredIndex[] {
  const fused = new Map<number, number>();
  for (const ranking of rankings) {
    ranking.forEach((hit, rank) => {
      fused.set(hit.index, (fused.get(hit.index) ?? 0) + 1 / (RRF_K + rank + 1));
    });
  }
  return [...fused.entries()]
    .map(([index, score]) => ({ index, score }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, k);
}
