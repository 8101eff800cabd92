import { EccoError } from '@explainable-ecco/core';
import type { CacheStore } from './cache/cache-store.js';
import type { ExampleSearch } from './prompt/explain-prompt.js';
import type { OpenAIProviderOptions } from './providers/openai-provider.js';
import type { ProviderName } from './providers/resolve-provider.js';
import type { ExplainerProvider } from './providers/types.js';
import type { RecordOptions } from './records/build-record.js';
import { RECORD_FORMATS, type RecordFormat } from './records/render.js';
import type { ProgressEvent } from './run/progress.js';
import type { RetryPolicy } from './run/retry.js';
import type { UsageReport } from './usage/usage-report.js';

/** Settings shared by explaining and LLM-simulated scoring. */
export interface ProviderCallOptions extends Omit<OpenAIProviderOptions, 'fetch'> {
  /**
   * `openai`, `heuristic` (offline), or your own provider object. Default: `openai` when an API
   * key or base URL is configured (options or OPENAI_API_KEY / OPENAI_BASE_URL), else `heuristic`.
   */
  provider?: ProviderName | ExplainerProvider;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** Deadline of one request (default 60 000 ms). */
  timeoutMs?: number;
  retry?: RetryPolicy;
  /** Where answers are kept between runs; false to disable. Default depends on the entry point. */
  cache?: CacheStore | false;
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  /** Called once at the end with requests, tokens and cost. */
  onReport?: (report: UsageReport) => void;
  /** A custom fetch for the openai provider (proxies, tests). */
  fetch?: typeof fetch;
}

export interface ExplainOptions extends ProviderCallOptions, RecordOptions {
  /** How records are written into prompts (default `highlight`). */
  format?: RecordFormat;
  /**
   * Worked examples for the prompt: an `ExampleRetriever` (or any `search()`), false for none.
   * Default: a retriever over the built-in example library.
   */
  examples?: ExampleSearch | false;
  /** At most this many examples per prompt (default 4); fewer when the budget is tight. */
  maxExamples?: number;
  /** The model's context window, for models the packer's registry does not know (default 4096 then). */
  contextWindow?: number;
  /** Tokens reserved for the answer (default 256). */
  maxOutputTokens?: number;
  /** Sampling temperature (default 0: repeatable answers, better cache hits). */
  temperature?: number;
}

function positiveInteger(name: string, value: unknown, hint: string): void {
  if (value !== undefined && !(typeof value === 'number' && Number.isInteger(value) && value > 0)) {
    throw new EccoError(
      'INVALID_ARGUMENT',
      `${name} must be a positive integer (got ${String(value)}).`,
      { hint },
    );
  }
}

/** Rejects option values that cannot work, before anything is sent. */
export function validateCallOptions(options: ProviderCallOptions): void {
  positiveInteger('concurrency', options.concurrency, 'Use e.g. 4.');
  positiveInteger('timeoutMs', options.timeoutMs, 'Use e.g. 60000.');
  if (options.cache !== undefined && options.cache !== false) {
    const c = options.cache as Partial<CacheStore>;
    if (typeof c.get !== 'function' || typeof c.set !== 'function') {
      throw new EccoError('INVALID_ARGUMENT', 'cache must be a CacheStore (get/set) or false.', {
        hint: 'Use new MemoryCacheStore(), new DiskCacheStore(dir) (Node) or new IndexedDbCacheStore() (browser).',
      });
    }
  }
}

export function validateExplainOptions(options: ExplainOptions): void {
  validateCallOptions(options);
  positiveInteger('maxOutputTokens', options.maxOutputTokens, 'Use e.g. 256.');
  positiveInteger(
    'contextWindow',
    options.contextWindow,
    "Use the model's context length, e.g. 8192.",
  );
  positiveInteger('radius', options.radius === 0 ? 1 : options.radius, 'Use e.g. 8.');
  positiveInteger('maxWindows', options.maxWindows, 'Use e.g. 4.');
  if (
    options.maxExamples !== undefined &&
    !(Number.isInteger(options.maxExamples) && options.maxExamples >= 0)
  ) {
    throw new EccoError('INVALID_ARGUMENT', 'maxExamples must be a whole number ≥ 0.', {
      hint: 'Use e.g. 4, or 0 for none.',
    });
  }
  if (options.format !== undefined && !RECORD_FORMATS.includes(options.format)) {
    throw new EccoError(
      'INVALID_ARGUMENT',
      `Unknown record format ${JSON.stringify(options.format)}.`,
      {
        hint: `Use one of ${RECORD_FORMATS.join(', ')}.`,
      },
    );
  }
  if (
    options.temperature !== undefined &&
    !(options.temperature >= 0 && options.temperature <= 2)
  ) {
    throw new EccoError('INVALID_ARGUMENT', 'temperature must be within 0–2.', {
      hint: 'Use 0 for repeatable answers.',
    });
  }
}
