import { EccoError } from '@explainable-ecco/core';

/** Turns texts into vectors. Implementations: offline hashing, OpenAI, transformers.js. */
export interface Embedder {
  /**
   * Identity of the vector space (model and settings). Indexes record it and refuse to be
   * searched with vectors from another space.
   */
  readonly id: string;
  /** Length of every vector this embedder returns. */
  readonly dimensions: number;
  /** One vector per text, in order. */
  embed(texts: string[], options?: { signal?: AbortSignal }): Promise<Float32Array[]>;
}

/**
 * Calls `embedder.embed` and checks what comes back: one finite vector of the promised length
 * per text. A broken embedder fails here, with its id named, not deep inside an index.
 */
export async function embedChecked(
  embedder: Embedder,
  texts: string[],
  signal?: AbortSignal,
): Promise<Float32Array[]> {
  const vectors = await embedder.embed(texts, signal ? { signal } : undefined);
  if (!Array.isArray(vectors) || vectors.length !== texts.length) {
    throw new EccoError(
      'EMBEDDING_FAILED',
      `Embedder ${embedder.id} returned ${Array.isArray(vectors) ? vectors.length : 'no'} vectors for ${texts.length} texts.`,
      {
        hint: 'An embedder must return exactly one vector per input text.',
      },
    );
  }
  vectors.forEach((v, i) => {
    if (!(v instanceof Float32Array) || v.length !== embedder.dimensions) {
      throw new EccoError(
        'EMBEDDING_FAILED',
        `Embedder ${embedder.id} returned vector ${i} with ${v?.length ?? 'no'} dimensions; it declares ${embedder.dimensions}.`,
        {
          hint: "Check the embedder's model and its dimensions setting.",
        },
      );
    }
  });
  return vectors;
}
