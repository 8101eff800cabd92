import { EccoError } from '@explainable-ecco/core';
import { type ScoredIndex, TopK } from './top-k.js';
import { normalizeInPlace } from './vector-math.js';
import { BATCH, type KernelChoice, VectorStore } from './vector-store.js';

/**
 * Exact cosine search: every vector normalised once and kept in one contiguous block, so a
 * query is a single pass of dot products over memory in order (WebAssembly SIMD where available).
 */
export class ExactIndex {
  readonly store: VectorStore;

  constructor(
    readonly dimensions: number,
    options: { capacity?: number; kernel?: KernelChoice } = {},
  ) {
    this.store = new VectorStore(dimensions, options);
  }

  get size(): number {
    return this.store.size;
  }

  /** The normalised vectors, row-major, `size × dimensions` (a copy). */
  get vectors(): Float32Array {
    return this.store.compact();
  }

  /** Adds a vector (copied, then normalised, unless already `normalized`); returns its index. */
  add(vector: ArrayLike<number>, normalized = false): number {
    return this.store.add(vector, normalized);
  }

  /** Cosine similarity of row `i` with row `j`. */
  similarity(i: number, j: number): number {
    return this.store.dot(i, j);
  }

  /** The `k` rows most similar to a unit-length `query`, best first. */
  search(query: Float32Array, k: number, allow?: (index: number) => boolean): ScoredIndex[] {
    const store = this.store;
    const top = new TopK(Math.min(k, store.size));
    store.setQuery(query);
    const out = store.outOffset;
    for (let start = 0; start < store.size; start += BATCH) {
      const n = Math.min(BATCH, store.size - start);
      store.dotsRange(start, n);
      const f32 = store.f32;
      for (let j = 0; j < n; j++) {
        const score = f32[out + j]!;
        if (score < top.threshold) continue;
        if (allow && !allow(start + j)) continue;
        top.push(start + j, score);
      }
    }
    return top.sorted();
  }
}

/** A unit-length copy of `vector`, or an `EMBEDDING_FAILED` error when it has no direction. */
export function normalizedCopy(vector: ArrayLike<number>): Float32Array {
  const out = Float32Array.from(vector);
  if (!normalizeInPlace(out)) {
    throw new EccoError('EMBEDDING_FAILED', 'The query embedding is all zeros or not finite.', {
      hint: 'Check the embedder: it returned an empty or broken embedding.',
    });
  }
  return out;
}
