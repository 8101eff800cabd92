import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isEccoError } from '@explainable-ecco/core';
import { expect } from 'vitest';

export const fixtureDir = (name: string) =>
  resolve(dirname(fileURLToPath(import.meta.url)), 'fixtures', name);

/** Asserts that `run` rejects (or throws) an EccoError with `code` and returns it. */
export async function expectEccoError(run: () => unknown, code: string) {
  let caught: unknown;
  try {
    await run();
  } catch (error) {
    caught = error;
  }
  expect(isEccoError(caught), `expected EccoError ${code}, got ${String(caught)}`).toBe(true);
  expect((caught as { code: string }).code).toBe(code);
  return caught as Error & { code: string; details?: Record<string, unknown> };
}

/** Counts non-overlapping occurrences of `needle` in `haystack`. */
export function occurrences(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}
