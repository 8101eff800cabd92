import type { Explanation } from './explanation.js';
import type { Factorization } from './factorization.js';
import type { Token } from './token.js';

/** One explanation as a result file carries it (no records, prompts or scoring internals). */
export type ResultExplanation = Pick<Explanation, 'factor' | 'text' | 'provider'> &
  Partial<Pick<Explanation, 'score' | 'scores' | 'error' | 'model' | 'cached' | 'usage'>>;

/**
 * One analysed text, as `ecco-explain` writes it to result.json and the web app downloads it:
 * tokens, factors aligned to them, and an explanation per factor (element i is factor i).
 */
export interface ResultEntry {
  /** Built-in example name, file name or "text". */
  name: string;
  /** Where the factors came from: a model id or path, or an ecco file. */
  source: string;
  tokens: Token[];
  /** k × positions, aligned to `tokens`. */
  factors: number[][];
  explanations: ResultExplanation[];
  layers?: number[];
  layerShare?: number[][];
  components: number;
  reconstructionError?: number;
  /** Wall time of each stage in milliseconds (loadModel, inference, nmf, explain, score). */
  timings: Record<string, number>;
}

/** A result file: one entry for one text, an array of entries for several. */
export type ResultFile = ResultEntry | ResultEntry[];

const OPTIONAL_EXPLANATION_FIELDS = [
  'model',
  'score',
  'scores',
  'error',
  'cached',
  'usage',
] as const;

function toResultExplanation(e: Explanation): ResultExplanation {
  const out: ResultExplanation = { factor: e.factor, text: e.text, provider: e.provider };
  for (const field of OPTIONAL_EXPLANATION_FIELDS) {
    if (e[field] !== undefined) (out as Record<string, unknown>)[field] = e[field];
  }
  return out;
}

/** Builds the result-file entry of one analysed text. */
export function toResultEntry(
  name: string,
  source: string,
  factorization: Pick<
    Factorization,
    'tokens' | 'factors' | 'layers' | 'layerShare' | 'reconstructionError'
  >,
  explanations: readonly Explanation[],
  timings: Record<string, number>,
): ResultEntry {
  const entry: ResultEntry = {
    name,
    source,
    tokens: factorization.tokens,
    factors: factorization.factors.map((row) => Array.from(row)),
    explanations: explanations.map(toResultExplanation),
    components: factorization.factors.length,
    timings,
  };
  if (factorization.layers) entry.layers = factorization.layers;
  if (factorization.layerShare) entry.layerShare = factorization.layerShare;
  if (factorization.reconstructionError !== undefined)
    entry.reconstructionError = factorization.reconstructionError;
  return entry;
}
