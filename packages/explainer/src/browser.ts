/**
 * The browser entry point: like the universal one, but answers are cached in IndexedDB where
 * it exists (memory otherwise). Imports no Node built-ins.
 */
import type { Explanation, FactorizationInput } from '@explainable-ecco/core';
import { type CacheStore, MemoryCacheStore } from './cache/cache-store.js';
import { IndexedDbCacheStore } from './cache/indexeddb-store.js';
import { explainWith } from './explain/explain.js';
import type { ExplainOptions } from './explain-options.js';
import type { FactorExplanation } from './explanation-types.js';
import {
  type ScoredExplanation,
  type ScoreOptions,
  scoreWith,
} from './score/score-explanations.js';

export * from './api.js';

let store: CacheStore | undefined;
const environment = {
  defaultCache: () =>
    (store ??= IndexedDbCacheStore.available()
      ? new IndexedDbCacheStore()
      : new MemoryCacheStore()),
};

/**
 * Explains every factor of a factorization (or ecco printJson data): `result[i].factor === i`.
 * Answers are cached in IndexedDB unless `options.cache` says otherwise. The openai provider
 * needs `dangerouslyAllowBrowser: true` here (the key is visible to the page).
 */
export function explain(
  input: FactorizationInput,
  options?: ExplainOptions,
): Promise<FactorExplanation[]> {
  return explainWith(environment, input, options);
}

/** Scores explanations by simulation and detection, with a random-explanation baseline. */
export function scoreExplanations(
  input: FactorizationInput,
  explanations: Explanation[],
  options?: ScoreOptions,
): Promise<ScoredExplanation[]> {
  return scoreWith(environment, input, explanations, options);
}
