import { getTokenCounter, type TokenCounter } from '@explainable-ecco/prompt-packer';
import type { CacheStore } from '../cache/cache-store.js';
import type { ExplainOptions } from '../explain-options.js';
import { defaultExampleSearch } from '../prompt/default-examples.js';
import { buildExplainPrompt, type ExampleSearch } from '../prompt/explain-prompt.js';
import { replyTokenCap } from '../providers/model-traits.js';
import { parseExplanationContent } from '../providers/response-parser.js';
import type { ChatProvider } from '../providers/types.js';
import { DEFAULT_RECORD_FORMAT } from '../records/render.js';
import { callChat } from '../run/chat-call.js';
import type { RunStats } from '../run/progress.js';
import { costUsd } from '../usage/cost.js';
import type { CallSettings, FactorExplainer } from './factor-task.js';

/** Reply tokens asked for by default: a one- or two-sentence explanation in JSON. */
export const DEFAULT_MAX_OUTPUT_TOKENS = 256;

/** The counter a run packs with: the option's (a `TokenCounter` or a tokenizer folder/URL), else the model's. */
function runCounter(model: string, tokenizer: ExplainOptions['tokenizer']): Promise<TokenCounter> {
  if (tokenizer === undefined) return getTokenCounter(model);
  if (typeof tokenizer === 'string') return getTokenCounter(model, { localModelPath: tokenizer });
  return Promise.resolve(tokenizer);
}

/**
 * Explains factors with an LLM: retrieved examples and the record packed into the model's
 * budget, one cached, retried chat call per factor. Resolves once the prompt's token counter
 * is loaded (`TOKENIZER_UNAVAILABLE` when it cannot be).
 */
export async function chatExplainer(
  provider: ChatProvider,
  options: ExplainOptions,
  settings: CallSettings,
  cache: CacheStore | undefined,
  stats: RunStats,
): Promise<FactorExplainer> {
  const maxExamples = options.maxExamples ?? 4;
  let search: Promise<ExampleSearch | undefined> | undefined;
  const examples = (): Promise<ExampleSearch | undefined> => {
    if (maxExamples === 0 || options.examples === false) return Promise.resolve(undefined);
    search ??= options.examples ? Promise.resolve(options.examples) : defaultExampleSearch();
    return search;
  };
  const maxOutputTokens = options.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS;
  // Reasoning models spend reply tokens on hidden reasoning: the prompt budget keeps back what
  // the provider will ask for (it adds the allowance to the request's maxOutputTokens itself).
  const replyReserve = replyTokenCap(provider.model, maxOutputTokens);
  // Loaded once, before any factor: a tokenizer that cannot load fails the run up front.
  const tokenizer = await runCounter(provider.model, options.tokenizer);

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
    const { request, packed, schemaTokens, budget } = await buildExplainPrompt(record, {
      format: options.format ?? DEFAULT_RECORD_FORMAT,
      model: provider.model,
      contextWindow: options.contextWindow,
      tokenizer,
      maxOutputTokens: replyReserve,
      temperature: options.temperature ?? 0,
      examples: hits,
      maxExamples,
    });
    const result = await callChat({ ...request, maxOutputTokens }, parseExplanationContent, {
      provider,
      cache,
      retry: settings.retry,
      timeoutMs: settings.timeoutMs,
      signal: settings.signal,
      gate: settings.gate,
      stats,
      onSent: (attempt) => settings.onSent(factor, attempt),
      onRetry: (event) => settings.onRetry(factor, event),
    });
    const usage = result.completion.usage;
    // A cached answer cost nothing this run, as the usage report says.
    const cost = result.cached
      ? 0
      : usage
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
          schemaTokens,
          budget,
          examples: packed.included,
          tokenizer: packed.tokenizer,
        },
        ...(usage
          ? {
              usage: {
                ...usage,
                ...(cost === undefined ? {} : { costUsd: cost }),
                ...(result.cached ? { cached: true } : {}),
              },
            }
          : {}),
      },
      warning: result.cacheWarning,
    };
  };
}
