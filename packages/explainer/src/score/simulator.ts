import type { FactorRecord } from '@explainable-ecco/core';
import type { CacheStore } from '../cache/cache-store.js';
import type { CallSettings } from '../explain/factor-task.js';
import { simulateLexically } from '../heuristic/simulator.js';
import { buildSimulationRequest } from '../prompt/simulation-prompt.js';
import { parseSimulationContent } from '../providers/response-parser.js';
import type { ChatProvider } from '../providers/types.js';
import { callChat } from '../run/chat-call.js';
import type { RunStats } from '../run/progress.js';

export interface SimulationOutput {
  /** One predicted value per record token, in record order. */
  values: number[];
  /** Values the simulator did not give or gave unreadably (counted, then taken as 0). */
  invalid: number;
}

/**
 * Predicts a factor's 0–10 value on each token of a record from an explanation alone.
 * The record it gets carries no true values.
 */
export interface Simulator {
  /** 'heuristic', or the simulating model's name. */
  readonly id: string;
  simulate(
    explanation: string,
    record: FactorRecord,
    /** `sequenceLength`: tokens in the whole text the record's positions refer to. */
    options: { signal?: AbortSignal; sequenceLength?: number },
  ): Promise<SimulationOutput>;
}

/** The offline lexical simulator (see `simulateLexically`). */
export function heuristicSimulator(): Simulator {
  return {
    id: 'heuristic',
    async simulate(explanation, record, options) {
      return {
        values: simulateLexically(explanation, record, options?.sequenceLength),
        invalid: 0,
      };
    },
  };
}

/** An LLM simulator: the provider predicts every excerpt's values in one cached, retried call. */
export function chatSimulator(
  provider: ChatProvider,
  settings: CallSettings,
  cache: CacheStore | undefined,
  stats: RunStats,
  factorOf: (record: FactorRecord) => number,
): Simulator {
  return {
    id: provider.model,
    async simulate(explanation, record) {
      const windows = record.windows ?? [[0, record.tokens.length]];
      const lengths = windows.map(([s, e]) => e - s);
      const factor = factorOf(record);
      const result = await callChat(
        buildSimulationRequest(explanation, record),
        (content) => parseSimulationContent(content, lengths),
        {
          provider,
          cache,
          retry: settings.retry,
          timeoutMs: settings.timeoutMs,
          signal: settings.signal,
          gate: settings.gate,
          stats,
          onSent: (attempt) => settings.onSent(factor, attempt),
          onRetry: (event) => settings.onRetry(factor, event),
        },
      );
      return { values: result.value.values.flat(), invalid: result.value.invalid };
    },
  };
}
