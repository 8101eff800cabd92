import type { LocalProvider } from '../providers/types.js';
import { withRetries } from '../run/retry.js';
import { withTimeout } from '../run/with-timeout.js';
import type { CallSettings, FactorExplainer } from './factor-task.js';

/** Explains factors with a provider that needs no prompt (the heuristic, or a custom one). */
export function localExplainer(provider: LocalProvider, settings: CallSettings): FactorExplainer {
  return async ({ factor, record, sequenceLength }) => {
    const text = await withRetries(
      (attempt) => {
        settings.onSent(factor, attempt);
        return withTimeout(
          (signal) => provider.explain({ record, factor, sequenceLength }, { signal }),
          settings.timeoutMs,
          settings.signal,
        );
      },
      {
        ...settings.retry,
        signal: settings.signal,
        gate: settings.gate,
        onRetry: (e) => settings.onRetry(factor, e),
      },
    );
    return { explanation: { factor, text, record, provider: provider.id } };
  };
}
