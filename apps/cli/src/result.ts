import type { Explanation, Factorization, Token } from '@explainable-ecco/core';

/** One analysed text in result.json. */
export interface ResultEntry {
  /** Built-in example name, file name or "text". */
  name: string;
  /** Where the factors came from: a model id/path, or an ecco file. */
  source: string;
  tokens: Token[];
  /** k × positions, aligned to `tokens`. */
  factors: number[][];
  explanations: Array<
    Pick<Explanation, 'factor' | 'text' | 'provider'> &
      Partial<Pick<Explanation, 'score' | 'scores' | 'error' | 'model' | 'cached' | 'usage'>>
  >;
  layers?: number[];
  layerShare?: number[][];
  components: number;
  reconstructionError?: number;
  /** Wall time of each stage in milliseconds. */
  timings: Record<string, number>;
}

/** result.json: one entry for one text, an array of entries when several texts were analysed. */
export type ResultFile = ResultEntry | ResultEntry[];

export function toResultEntry(
  name: string,
  source: string,
  factorization: Factorization,
  explanations: Explanation[],
  timings: Record<string, number>,
): ResultEntry {
  const entry: ResultEntry = {
    name,
    source,
    tokens: factorization.tokens,
    factors: factorization.factors.map((row) => Array.from(row)),
    explanations: explanations.map((e) => {
      const out: ResultEntry['explanations'][number] = {
        factor: e.factor,
        text: e.text,
        provider: e.provider,
      };
      if (e.model !== undefined) out.model = e.model;
      if (e.score !== undefined) out.score = e.score;
      if (e.scores !== undefined) out.scores = e.scores;
      if (e.error !== undefined) out.error = e.error;
      if (e.cached !== undefined) out.cached = e.cached;
      if (e.usage !== undefined) out.usage = e.usage;
      return out;
    }),
    components: factorization.factors.length,
    timings,
  };
  if (factorization.layers) entry.layers = factorization.layers;
  if (factorization.layerShare) entry.layerShare = factorization.layerShare;
  if (factorization.reconstructionError !== undefined)
    entry.reconstructionError = factorization.reconstructionError;
  return entry;
}
