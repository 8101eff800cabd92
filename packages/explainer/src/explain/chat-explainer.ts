import { lookupModel } from '@explainable-ecco/prompt-packer';
import type { CacheStore } from '../cache/cache-store.js';
import type { ExplainOptions } from '../explain-options.js';
import { defaultExampleSearch } from '../prompt/default-examples.js';
import { buildExplainPrompt, type ExampleSearch } from '../prompt/explain-prompt.js';
import { parseExplanationContent } from '../providers/response-parser.js';
import type { ChatProvider } from '../providers/types.js';
import { DEFAULT_RECORD_FORMAT } from '../records/render.js';
import { callChat } from '../run/chat-call.js';
import type { RunStats } from '../run/progress.js';
import { costUsd } from '../usage/cost.js';
import type { CallSettings, FactorExplainer } from './factor-task.js';

/** Context window assumed for models the packer's registry does not know. */
export const UNKNOWN_MODEL_CONTEXT_WINDOW = 4096;

/**
 * Explains factors with an LLM: retrieved examples and the record packed into the model's
 * budget, one cached, retried chat call per factor.
 */
export function chatExplainer(
  provider: ChatProvider,
  options: ExplainOptions,
  settings: CallSettings,
  cache: CacheStore | undefined,
  stats: RunStats,
): FactorExplainer {
  const maxExamples = options.maxExamples ?? 4;
  let search: Promise<ExampleSearch | undefined> | undefined;
  const examples = (): Promise<ExampleSearch | undefined> => {
    if (maxExamples === 0 || options.examples === false) return Promise.resolve(undefined);
    search ??= options.examples ? Promise.resolve(options.examples) : defaultExampleSearch();
    return search;
  };
  const contextWindow =
    options.contextWindow ??
    (lookupModel(provider.model) ? undefined : UNKNOWN_MODEL_CONTEXT_WINDOW);

  return async ({ factor, record }) => {
    const searcher = await examples();
    // Ask for spares: the packer drops near-duplicates and what does not fit.
    const hits = searcher
      ? await searcher.search(record, {
          k: maxExamples * 2,
          tokenizerFamily: record.tokenizerFamily,
          signal: settings.signal,
        })
      : [];
    const { request, packed } = await buildExplainPrompt(record, {
      format: options.format ?? DEFAULT_RECORD_FORMAT,
      model: provider.model,
      contextWindow,
      maxOutputTokens: options.maxOutputTokens ?? 256,
      temperature: options.temperature ?? 0,
      examples: hits,
      maxExamples,
    });
    const result = await callChat(request, parseExplanationContent, {
      provider,
      cache,
      retry: settings.retry,
      timeoutMs: settings.timeoutMs,
      signal: settings.signal,
      stats,
      onSent: (attempt) => settings.onSent(factor, attempt),
      onRetry: (event) => settings.onRetry(factor, event),
    });
    const usage = result.completion.usage;
    const cost = usage
      ? costUsd(provider.model, usage.promptTokens, usage.completionTokens)
      : undefined;
    return {
      explanation: {
        factor,
        text: result.value,
        record,
        provider: provider.id,
        model: provider.model,
        cached: result.cached,
        prompt: {
          usedTokens: packed.usedTokens,
          budget: packed.budget,
          examples: packed.included,
          tokenizer: packed.tokenizer,
        },
        ...(usage
          ? { usage: cost === undefined ? { ...usage } : { ...usage, costUsd: cost } }
          : {}),
      },
      warning: result.cacheWarning,
    };
  };
}
