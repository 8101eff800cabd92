import {
  type FactorizationInput,
  isEccoError,
  redactSecrets,
  toFactorization,
} from '@explainable-ecco/core';
import type { CacheStore } from '../cache/cache-store.js';
import { type ExplainOptions, validateExplainOptions } from '../explain-options.js';
import type { FactorExplanation } from '../explanation-types.js';
import { resolveProvider } from '../providers/resolve-provider.js';
import { buildRecord } from '../records/build-record.js';
import { errorSummary } from '../run/chat-call.js';
import { runPool } from '../run/pool.js';
import { newRunStats } from '../run/progress.js';
import { RateGate } from '../run/rate-gate.js';
import { runSecrets } from '../run/secrets.js';
import { usageReport } from '../usage/usage-report.js';
import { chatExplainer } from './chat-explainer.js';
import type { CallSettings, FactorTask } from './factor-task.js';
import { localExplainer } from './local-explainer.js';

/** What an entry point supplies: its default cache (disk in Node, IndexedDB in browsers). */
export interface ExplainEnvironment {
  defaultCache(): CacheStore | undefined;
}

/**
 * Explains every factor. Resolves to one explanation per factor with `result[i].factor === i`,
 * however the requests finish; a factor that failed for good carries `error` and the others
 * are unaffected. Rejects only for bad input or options (typed `EccoError`) or when `signal`
 * aborts (`ABORTED`).
 */
export async function explainWith(
  environment: ExplainEnvironment,
  input: FactorizationInput,
  options: ExplainOptions = {},
): Promise<FactorExplanation[]> {
  const factorization = toFactorization(input);
  validateExplainOptions(options);
  const provider = resolveProvider(options.provider, options);
  const secrets = runSecrets(options);
  const emit = options.onProgress ?? (() => {});
  const stats = newRunStats();
  const settings: CallSettings = {
    timeoutMs: options.timeoutMs ?? 60_000,
    retry: options.retry ?? {},
    signal: options.signal,
    gate: new RateGate(options.retry?.random),
    onSent: (factor, attempt) => emit({ type: 'sent', factor, attempt }),
    onRetry: (factor, e) =>
      emit({
        type: 'retrying',
        factor,
        attempt: e.attempt,
        delayMs: e.delayMs,
        error: errorSummary(e.error, secrets),
      }),
  };
  const cache = options.cache === false ? undefined : (options.cache ?? environment.defaultCache());
  const explainFactor =
    provider.kind === 'chat'
      ? await chatExplainer(provider, options, settings, cache, stats)
      : localExplainer(provider, settings);

  const tasks: FactorTask[] = factorization.factors.map((_, factor) => ({
    factor,
    record: buildRecord(factorization, factor, options),
    sequenceLength: factorization.tokens.length,
  }));
  for (const t of tasks) emit({ type: 'queued', factor: t.factor });
  // Each result goes to its factor's slot, so the order never depends on completion order.
  const results = new Array<FactorExplanation>(tasks.length);
  await runPool(tasks.length, options.concurrency ?? 4, async (i) => {
    const task = tasks[i]!;
    try {
      const { explanation, warning } = await explainFactor(task);
      results[task.factor] = explanation;
      emit({
        type: 'done',
        factor: task.factor,
        cached: explanation.cached === true,
        ...(warning ? { warning: redactSecrets(warning, secrets) } : {}),
      });
    } catch (error) {
      if (isEccoError(error, 'ABORTED')) throw error;
      const summary = errorSummary(error, secrets);
      results[task.factor] = {
        factor: task.factor,
        text: '',
        record: task.record,
        provider: provider.id,
        ...(provider.kind === 'chat' ? { model: provider.model } : {}),
        error: summary,
      };
      emit({ type: 'failed', factor: task.factor, error: summary });
    }
  });
  options.onReport?.(
    usageReport(results, stats, provider.id, provider.kind === 'chat' ? provider.model : undefined),
  );
  return results;
}
