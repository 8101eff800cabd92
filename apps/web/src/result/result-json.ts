import type { Explanation, Token } from '@explainable-ecco/core';
import type { FactorsPayload } from '../pipeline/protocol.js';

/** One explanation as result.json carries it. */
export type ResultExplanation = Pick<Explanation, 'factor' | 'text' | 'provider'> &
  Partial<Pick<Explanation, 'score' | 'scores' | 'error' | 'model' | 'cached' | 'usage'>>;

/**
 * One analysed text: the same shape as the CLI's result.json (`ecco-explain --json`), so
 * files from either can be read by the same tools.
 */
export interface ResultEntry {
  /** Built-in example name, or "text". */
  name: string;
  /** The model the factors came from. */
  source: string;
  tokens: Token[];
  /** k × positions, aligned to `tokens`. */
  factors: number[][];
  explanations: ResultExplanation[];
  layers?: number[];
  layerShare?: number[][];
  components: number;
  reconstructionError?: number;
  /** Wall time of each stage in milliseconds. */
  timings: Record<string, number>;
}

const OPTIONAL_FIELDS = ['model', 'score', 'scores', 'error', 'cached', 'usage'] as const;

function resultExplanation(e: Explanation): ResultExplanation {
  const out: ResultExplanation = { factor: e.factor, text: e.text, provider: e.provider };
  for (const field of OPTIONAL_FIELDS) {
    if (e[field] !== undefined) (out as Record<string, unknown>)[field] = e[field];
  }
  return out;
}

/** The result entry of a run; records, prompts and scoring internals are left out. */
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
