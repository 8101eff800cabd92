import { isEccoError } from '@explainable-ecco/core';
import { rejectionOf } from '@explainable-ecco/test-kit';
import { expect } from 'vitest';
import type { Embedder } from '../src/index.js';

/** Awaits `promise` and checks it fails with an EccoError of `code` (and a message matching `text`). */
export async function expectRejectsWith(
  promise: Promise<unknown> | (() => unknown),
  code: string,
  text?: RegExp,
): Promise<Error> {
  const error = await rejectionOf(promise);
  expect(isEccoError(error, code as never), `expected ${code}, got ${String(error)}`).toBe(true);
  if (text) expect(error.message).toMatch(text);
  return error;
}

/** Wraps an embedder and counts the texts it is asked to embed. */
export function countingEmbedder(inner: Embedder): Embedder & { texts: number } {
  const wrapper = {
    id: inner.id,
    dimensions: inner.dimensions,
    texts: 0,
    async embed(texts: string[], options?: { signal?: AbortSignal }) {
      wrapper.texts += texts.length;
      return inner.embed(texts, options);
    },
  };
  return wrapper;
}
