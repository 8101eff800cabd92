import { EccoError } from '@explainable-ecco/core';
import { type ScoredIndex, TopK } from './top-k.js';
import { dotAt, normalizeInPlace } from './vector-math.js';

/**
 * Exact cosine search: every vector normalised once and kept in one contiguous Float32Array,
 * so a query is a single pass of dot products over memory in order.
 */
export class ExactIndex {
  private data: Float32Array;
  private count = 0;

  constructor(
    readonly dimensions: number,
    capacity = 16,
  ) {
    if (!Number.isInteger(dimensions) || dimensions <= 0) {
      throw new EccoError(
        'INVALID_ARGUMENT',
        `Vector dimensions must be a positive integer, got ${dimensions}.`,
      );
    }
    this.data = new Float32Array(Math.max(1, capacity) * dimensions);
  }

  /** Wraps already-normalised row-major vectors without copying (used when loading a saved index). */
  static fromNormalized(dimensions: number, vectors: Float32Array): ExactIndex {
    const index = new ExactIndex(dimensions, 1);
    index.data = vectors;
    index.count = vectors.length / dimensions;
    return index;
  }

  get size(): number {
    return this.count;
  }

  /** The normalised vectors, row-major, `size × dimensions` (a view: do not modify). */
  get vectors(): Float32Array {
    return this.data.subarray(0, this.count * this.dimensions);
  }

  /** Adds a vector (copied, then normalised); returns its index. */
  add(vector: ArrayLike<number>): number {
    if (vector.length !== this.dimensions) {
      throw new EccoError(
        'EMBEDDER_MISMATCH',
        `A vector has ${vector.length} dimensions; the index has ${this.dimensions}.`,
        {
          hint: 'Use the same embedder for every vector of an index.',
        },
      );
    }
    if ((this.count + 1) * this.dimensions > this.data.length) {
      const grown = new Float32Array(
        Math.max(this.data.length * 2, (this.count + 1) * this.dimensions),
      );
      grown.set(this.data);
      this.data = grown;
    }
    const offset = this.count * this.dimensions;
    this.data.set(vector, offset);
    if (!normalizeInPlace(this.data, offset, this.dimensions)) {
      throw new EccoError(
        'EMBEDDING_FAILED',
        'A vector is all zeros or not finite, so it has no direction to compare.',
        {
          hint: 'Check the embedder: it returned an empty or broken embedding.',
        },
      );
    }
    return this.count++;
  }

  /** Cosine similarity of row `i` with row `j`. */
  similarity(i: number, j: number): number {
    return dotAt(this.data, i * this.dimensions, this.data, j * this.dimensions, this.dimensions);
  }

  /** The `k` rows most similar to a unit-length `query`, best first. */
  search(query: Float32Array, k: number, allow?: (index: number) => boolean): ScoredIndex[] {
    const d = this.dimensions;
    const top = new TopK(Math.min(k, this.count));
    for (let i = 0, o = 0; i < this.count; i++, o += d) {
      if (allow && !allow(i)) continue;
      top.push(i, dotAt(this.data, o, query, 0, d));
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
