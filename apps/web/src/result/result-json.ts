// result.json's shape comes from core, shared with the CLI, so downloads are the same format.
import type { ResultEntry } from '@explainable-ecco/core';
import type { Stage } from '../pipeline/protocol.js';

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

export { type ResultEntry, toResultEntry } from '@explainable-ecco/core';
