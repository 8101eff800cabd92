import type { Explanation } from '@explainable-ecco/core';
import type { RunStats } from '../run/progress.js';
import { costUsd } from './cost.js';

/** Tokens and money one run spent, and what the cache saved. */
export interface UsageReport {
  provider: string;
  model?: string;
  factors: number;
  explained: number;
  failed: number;
  /** Requests sent (retries included); 0 for a run served entirely from the cache. */
  requests: number;
  retries: number;
  /** Answers served from the cache, costing nothing this run. */
  cached: number;
  /** Tokens billed this run (cached answers excluded). */
  promptTokens: number;
  completionTokens: number;
  /** Estimated US dollars this run, or null when the model's price is unknown. */
  costUsd: number | null;
}

/** Adds up a run: counts from the explanations, request counts from the run's stats. */
export function usageReport(
  explanations: Explanation[],
  stats: RunStats,
  provider: string,
  model?: string,
): UsageReport {
  const cost =
    model !== undefined && stats.requests > 0
      ? costUsd(model, stats.promptTokens, stats.completionTokens)
      : undefined;
  return {
    provider,
    model,
    factors: explanations.length,
    explained: explanations.filter((e) => !e.error).length,
    failed: explanations.filter((e) => e.error).length,
    requests: stats.requests,
    retries: stats.retries,
    cached: explanations.filter((e) => e.cached).length,
    promptTokens: stats.promptTokens,
    completionTokens: stats.completionTokens,
    costUsd: stats.requests === 0 ? 0 : (cost ?? null),
  };
}
