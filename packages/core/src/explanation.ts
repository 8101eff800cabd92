import type { FactorRecord } from './record.js';

/** Scores of one explanation; null where a score is undefined (e.g. constant predictions). */
export interface ExplanationScores {
  /** Pearson r between true and simulated 0–10 values (Bills et al. 2023). */
  simulation?: number | null;
  /** Balanced accuracy at telling active windows from inactive ones, 0–1. */
  detection?: number | null;
  /** The same scores for a random explanation of another factor, as a baseline. */
  baseline?: { simulation?: number | null; detection?: number | null };
  /** Which simulator produced the scores ('heuristic', or a model name). */
  simulator?: string;
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
  /** Estimated cost in US dollars, when the model's price is known. */
  costUsd?: number;
}

/** What an explainer says factor `factor` responds to. */
export interface Explanation {
  factor: number;
  /** The explanation in words; empty when `error` is set. */
  text: string;
  record?: FactorRecord;
  /** The headline score (simulation r by default), or null when undefined. */
  score?: number | null;
  scores?: ExplanationScores;
  /** 'heuristic', 'openai', … */
  provider: string;
  model?: string;
  error?: { code: string; message: string };
  usage?: Usage;
  /** True when served from the cache without a request. */
  cached?: boolean;
}
