import { EccoError } from '@explainable-ecco/core';
import type { TokenCounter } from '@explainable-ecco/prompt-packer';
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
  /**
   * The model's context window, for models the packer's registry does not know (default: the
   * tokenizer folder's `config.json` when `tokenizer` is one, else 4096).
   */
  contextWindow?: number;
  /**
   * How prompts are counted for models the packer's registry does not know (open models on
   * Ollama, vLLM, …): a folder (or URL of one) in Hugging Face layout holding the model's
   * `tokenizer.json` (and `tokenizer_config.json` with its chat template), or any `TokenCounter`
   * (e.g. from the packer's `getTokenCounter`). Without it such models are packed with the
   * packer's worst-case estimate and a 10 % safety margin.
   */
  tokenizer?: TokenCounter | string;
  /**
   * Tokens reserved for the answer (default 256). Reasoning models (gpt-5, o-series) get
   * `REASONING_TOKEN_ALLOWANCE` (16,384) more, capped at the model's largest reply, because
   * their hidden reasoning counts against the same limit.
   */
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
  if (
    options.tokenizer !== undefined &&
    !(
      (typeof options.tokenizer === 'string' && options.tokenizer.trim() !== '') ||
      (typeof options.tokenizer === 'object' &&
        options.tokenizer !== null &&
        typeof (options.tokenizer as Partial<TokenCounter>).count === 'function')
    )
  ) {
    throw new EccoError(
      'INVALID_ARGUMENT',
      'tokenizer must be a tokenizer folder or URL, or a TokenCounter.',
      {
        hint: 'Pass the path of a folder holding tokenizer.json (Hugging Face layout), or getTokenCounter(model, …) from @explainable-ecco/prompt-packer.',
      },
    );
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
