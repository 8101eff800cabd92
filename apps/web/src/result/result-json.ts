// The CLI's result.json type, so the web app's downloads have exactly its shape.
import type { ResultEntry } from '@explainable-ecco/cli';
import type { Explanation } from '@explainable-ecco/core';
import type { FactorsPayload, Stage } from '../pipeline/protocol.js';

/** One explanation as result.json carries it. */
export type ResultExplanation = ResultEntry['explanations'][number];

/** The CLI's names for the stages' timings. */
const TIMING_KEYS: Record<Stage, string> = {
  model: 'loadModel',
  activations: 'inference',
  factors: 'nmf',
  explanations: 'explain',
  scores: 'score',
};

/** Stage timings under the names the CLI's result.json uses. */
export function resultTimings(timings: Partial<Record<Stage, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [stage, ms] of Object.entries(timings) as Array<[Stage, number]>) {
    out[TIMING_KEYS[stage]] = ms;
  }
  return out;
}

const OPTIONAL_FIELDS = ['model', 'score', 'scores', 'error', 'cached', 'usage'] as const;

function resultExplanation(e: Explanation): ResultExplanation {
  const out: ResultExplanation = { factor: e.factor, text: e.text, provider: e.provider };
  for (const field of OPTIONAL_FIELDS) {
    if (e[field] !== undefined) (out as Record<string, unknown>)[field] = e[field];
  }
  return out;
}

export type { ResultEntry };

/**
 * The result entry of a run, as the CLI writes it (its `toResultEntry` is not exported, and
 * takes a full Factorization): records, prompts and scoring internals are left out.
 */
export function toResultEntry(
  name: string,
  source: string,
  factorization: FactorsPayload,
  explanations: readonly Explanation[],
  timings: Record<string, number>,
): ResultEntry {
  const entry: ResultEntry = {
    name,
    source,
    tokens: factorization.tokens,
    factors: factorization.factors.map((row) => Array.from(row)),
    explanations: explanations.map(resultExplanation),
    components: factorization.factors.length,
    timings,
  };
  if (factorization.layers) entry.layers = factorization.layers;
  if (factorization.layerShare) entry.layerShare = factorization.layerShare;
  if (factorization.reconstructionError !== undefined) {
    entry.reconstructionError = factorization.reconstructionError;
  }
  return entry;
}
