/// <reference types="node" />
/**
 * The Node entry point: like the universal one, but answers are cached on disk (see
 * `defaultCacheDir`), so a re-run costs nothing.
 */
import type { Explanation, FactorizationInput } from '@explainable-ecco/core';
import { DiskCacheStore } from './cache/disk-store.js';
import { explainWith } from './explain/explain.js';
import type { ExplainOptions } from './explain-options.js';
import type { FactorExplanation } from './explanation-types.js';
import {
  type ScoredExplanation,
  type ScoreOptions,
  scoreWith,
} from './score/score-explanations.js';

export * from './api.js';
export { DiskCacheStore, defaultCacheDir } from './cache/disk-store.js';

let disk: DiskCacheStore | undefined;
const environment = { defaultCache: () => (disk ??= new DiskCacheStore()) };

/**
 * Explains every factor of a factorization (or ecco printJson data): `result[i].factor === i`.
 * Answers are cached under `defaultCacheDir()` unless `options.cache` says otherwise.
 * @throws EccoError for bad input or options, and `ABORTED` when `options.signal` fires.
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
