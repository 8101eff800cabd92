/**
 * The universal entry point (any JavaScript runtime): answers are cached in memory for the
 * life of the process. `@explainable-ecco/explainer` resolves to the Node entry (disk cache)
 * under Node and to the browser entry (IndexedDB) in bundlers targeting browsers.
 */
import type { Explanation, FactorizationInput } from '@explainable-ecco/core';
import { MemoryCacheStore } from './cache/cache-store.js';
import { explainWith } from './explain/explain.js';
import type { ExplainOptions } from './explain-options.js';
import type { FactorExplanation } from './explanation-types.js';
import {
  type ScoredExplanation,
  type ScoreOptions,
  scoreWith,
} from './score/score-explanations.js';

export * from './api.js';

const memory = new MemoryCacheStore();
const environment = { defaultCache: () => memory };

/**
 * Explains every factor of a factorization (or ecco printJson data): `result[i].factor === i`.
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
