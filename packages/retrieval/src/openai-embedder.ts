import {
  EccoError,
  type EccoErrorCode,
  float32FromJson,
  redactSecrets,
  throwIfAborted,
} from '@explainable-ecco/core';
import OpenAI from 'openai';
import type { Embedder } from './embedder.js';

export interface OpenAIEmbedderOptions {
  /** Embedding model (default 'text-embedding-3-small'; 'text-embedding-3-large' and 'text-embedding-ada-002' known). */
  model?: string;
  /** API key; default: the OPENAI_API_KEY environment variable. Never logged or put in errors. */
  apiKey?: string;
  /**
   * An OpenAI-compatible server (Ollama, vLLM, LM Studio, …), e.g. 'http://localhost:11434/v1'
   * (default: OPENAI_BASE_URL, else api.openai.com). Its host is part of the embedder's id.
   */
  baseURL?: string;
  /** Texts per request (default 256; the API accepts up to 2048). */
  batchSize?: number;
  /** Requests in flight at once (default 2). */
  concurrency?: number;
  /** Retries of a request on 408/409/429/5xx and connection errors, honouring Retry-After (default 3). */
  maxRetries?: number;
  /** Milliseconds before a request times out (default 60 000). */
  timeoutMs?: number;
  /**
   * Vector length. Required for models this package does not know; for text-embedding-3-*
   * a smaller value asks the API to shorten the vectors.
   */
  dimensions?: number;
  /** Custom fetch (proxies, tests). */
  fetch?: typeof globalThis.fetch;
  /**
   * Allow use from a browser page, where the key would be visible to the page's users (the SDK
   * refuses otherwise, which surfaces as `INVALID_ARGUMENT`).
   */
  dangerouslyAllowBrowser?: boolean;
}

const KNOWN_DIMENSIONS: Record<string, number> = {
  'text-embedding-3-small': 1536,
  'text-embedding-3-large': 3072,
  'text-embedding-ada-002': 1536,
};
const SHORTENABLE = new Set(['text-embedding-3-small', 'text-embedding-3-large']);

function environmentKey(): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env;
  return env?.OPENAI_API_KEY || undefined;
}

const OPENAI_HOST = 'api.openai.com';

/** The SDK's own default for baseURL, read here so that the identity sees it too. */
function environmentBaseURL(): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env;
  return env?.OPENAI_BASE_URL || undefined;
}

/** host[:port] of an http(s) baseURL (`INVALID_ARGUMENT` for anything else). */
function serverHost(baseURL: string): string {
  let url: URL | undefined;
  try {
    // A relative baseURL (a same-origin proxy in a page) resolves against the page.
    const page = (globalThis as { location?: { href?: string } }).location?.href;
    url = typeof baseURL === 'string' ? new URL(baseURL, page) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new EccoError('INVALID_ARGUMENT', 'baseURL must be an http(s) URL.', {
      hint: "E.g. 'http://localhost:11434/v1' for Ollama, or leave it out for api.openai.com.",
    });
  }
  return url.host;
}

/**
 * Embeddings from OpenAI's `/v1/embeddings` (or a compatible server) through the official SDK:
 * batched, a few batches in flight, retried with backoff on rate limits and server errors.
 */
export function createOpenAIEmbedder(options: OpenAIEmbedderOptions = {}): Embedder {
  const model = options.model ?? 'text-embedding-3-small';
  const apiKey = options.apiKey ?? environmentKey();
  const baseURL = options.baseURL ?? environmentBaseURL();
  if (!apiKey && !baseURL) {
    throw new EccoError('MISSING_API_KEY', 'No OpenAI API key was given.', {
      hint: 'Set OPENAI_API_KEY, pass { apiKey }, or pass { baseURL } (or set OPENAI_BASE_URL) of a compatible server that needs none.',
    });
  }
  const known = KNOWN_DIMENSIONS[model];
  const dimensions = options.dimensions ?? known;
  if (dimensions === undefined || !Number.isInteger(dimensions) || dimensions <= 0) {
    throw new EccoError(
      'INVALID_ARGUMENT',
      `The embedding size of model ${JSON.stringify(model)} is not known.`,
      {
        hint: 'Pass { dimensions } with the length of the vectors the model returns.',
      },
    );
  }
  const shorten =
    options.dimensions !== undefined && SHORTENABLE.has(model) && options.dimensions !== known;
  const batchSize = positiveInt('batchSize', options.batchSize ?? 256, 2048);
  const concurrency = positiveInt('concurrency', options.concurrency ?? 2, 64);
  const maxRetries = options.maxRetries ?? 3;
  if (!Number.isInteger(maxRetries) || maxRetries < 0 || maxRetries > 100) {
    throw new EccoError(
      'INVALID_ARGUMENT',
      `maxRetries must be an integer from 0 to 100, got ${String(maxRetries)}.`,
      { hint: 'Leave it out for 3 retries; 0 turns retrying off.' },
    );
  }
  const timeoutMs = options.timeoutMs ?? 60_000;
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new EccoError(
      'INVALID_ARGUMENT',
      `timeoutMs must be a finite number of milliseconds > 0, got ${String(timeoutMs)}.`,
      { hint: 'Leave it out for 60 000 ms.' },
    );
  }
  const host = baseURL === undefined ? undefined : serverHost(baseURL);
  const secrets = [apiKey];
  let client: OpenAI;
  try {
    client = new OpenAI({
      // Compatible local servers often need no key; the SDK still wants a string.
      apiKey: apiKey ?? 'no-key',
      baseURL,
      maxRetries,
      timeout: timeoutMs,
      fetch: options.fetch,
      dangerouslyAllowBrowser: options.dangerouslyAllowBrowser ?? false,
    });
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    const inBrowser = /browser/i.test(message);
    throw new EccoError(
      'INVALID_ARGUMENT',
      `The OpenAI client could not be created: ${redactSecrets(message.split('\n')[0]!, secrets)}`,
      {
        hint: inBrowser
          ? 'In a browser page the API key would be visible to its users: call the API from a server (or a baseURL proxy that holds the key), or pass { dangerouslyAllowBrowser: true } if you accept that.'
          : 'Check the embedder options.',
        cause,
      },
    );
  }

  async function embedBatch(
    input: string[],
    signal: AbortSignal | undefined,
  ): Promise<Float32Array[]> {
    let response: OpenAI.CreateEmbeddingResponse;
    try {
      response = await abortable(
        client.embeddings.create(
          { model, input, encoding_format: 'base64', ...(shorten ? { dimensions } : {}) },
          signal ? { signal } : undefined,
        ),
        signal,
      );
    } catch (error) {
      throw toEccoError(error, model, secrets, signal);
    }
    const rows = [...(response?.data ?? [])].sort((a, b) => a.index - b.index);
    if (rows.length !== input.length) {
      throw new EccoError(
        'EMBEDDING_FAILED',
        `The embeddings server returned ${rows.length} vectors for ${input.length} texts.`,
        {
          hint: 'Check that the server implements /v1/embeddings with list input.',
        },
      );
    }
    return rows.map((row) => decodeEmbedding(row.embedding as unknown, dimensions!));
  }

  return {
    // Another server may serve other vectors under the same model name: its host is part of
    // the identity (api.openai.com, the default, is left out so existing ids stay the same).
    id: `openai:${model}${shorten ? `:${dimensions}` : ''}${host && host !== OPENAI_HOST ? `@${host}` : ''}`,
    dimensions,
    async embed(texts, embedOptions) {
      const signal = embedOptions?.signal;
      throwIfAborted(signal, 'Embedding');
      texts.forEach((t, i) => {
        if (typeof t !== 'string' || t.trim() === '') {
          throw new EccoError('EMPTY_QUERY', `Text ${i} to embed is empty.`, {
            hint: 'Embed non-empty texts only.',
          });
        }
      });
      const batches: string[][] = [];
      for (let i = 0; i < texts.length; i += batchSize) batches.push(texts.slice(i, i + batchSize));
      const results: Float32Array[][] = new Array(batches.length);
      let next = 0;
      const worker = async () => {
        while (next < batches.length) {
          const b = next++;
          results[b] = await embedBatch(batches[b]!, signal);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
      return results.flat();
    },
  };
}

/**
 * Settles as soon as the signal fires: the SDK notices an abort during a request, but not while
 * it sleeps before a retry, which can last seconds.
 */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () =>
      reject(new EccoError('ABORTED', 'Embedding was cancelled.', { cause: signal.reason }));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Accepts base64 little-endian float32 (what we ask for) or a number list (what some servers send anyway). */
function decodeEmbedding(embedding: unknown, dimensions: number): Float32Array {
  let vector: Float32Array;
  if (typeof embedding === 'string') {
    const padding = embedding.endsWith('==') ? 2 : embedding.endsWith('=') ? 1 : 0;
    const bytes = (embedding.length * 3) / 4 - padding;
    if (bytes % 4 !== 0)
      throw new EccoError(
        'EMBEDDING_FAILED',
        'The server returned a base64 embedding that is not whole float32 values.',
      );
    vector = float32FromJson({ dtype: 'float32', length: bytes / 4, base64: embedding }).slice();
  } else if (Array.isArray(embedding) && embedding.every((x) => typeof x === 'number')) {
    vector = Float32Array.from(embedding as number[]);
  } else {
    throw new EccoError(
      'EMBEDDING_FAILED',
      'The server returned an embedding that is neither base64 nor a list of numbers.',
    );
  }
  if (vector.length !== dimensions) {
    throw new EccoError(
      'EMBEDDING_FAILED',
      `The server returned ${vector.length}-dimensional embeddings; expected ${dimensions}.`,
      {
        hint: "Pass the model's real vector length as { dimensions }.",
      },
    );
  }
  return vector;
}

function toEccoError(
  error: unknown,
  model: string,
  secrets: ReadonlyArray<string | undefined>,
  signal?: AbortSignal,
): EccoError {
  if (error instanceof EccoError) return error;
  if (signal?.aborted || error instanceof OpenAI.APIUserAbortError) {
    return new EccoError('ABORTED', 'Embedding was cancelled.', { cause: signal?.reason });
  }
  const safe = (text: string) => redactSecrets(text, secrets);
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return new EccoError('PROVIDER_TIMEOUT', `The embeddings request for ${model} timed out.`, {
      hint: 'Raise timeoutMs, lower batchSize, or check the server.',
    });
  }
  if (error instanceof OpenAI.APIConnectionError) {
    return new EccoError(
      'PROVIDER_UNREACHABLE',
      `Could not reach the embeddings server: ${safe(error.message)}`,
      {
        hint: 'Check baseURL and the network.',
      },
    );
  }
  if (error instanceof OpenAI.APIError) {
    const status = error.status;
    const code: EccoErrorCode =
      status === 429
        ? 'PROVIDER_RATE_LIMITED'
        : status === 401 || status === 403
          ? 'MISSING_API_KEY'
          : 'EMBEDDING_FAILED';
    const hint =
      code === 'PROVIDER_RATE_LIMITED'
        ? 'Retries ran out; wait, lower concurrency/batchSize, or raise maxRetries.'
        : code === 'MISSING_API_KEY'
          ? 'The server refused the API key: check OPENAI_API_KEY or { apiKey }.'
          : `Check the model name (${model}) and the server.`;
    return new EccoError(
      code,
      `The embeddings server answered ${status ?? 'an error'}: ${safe(error.message)}`,
      {
        hint,
        details: { status, model },
      },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new EccoError('EMBEDDING_FAILED', `Embedding with ${model} failed: ${safe(message)}`);
}

function positiveInt(name: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new EccoError(
      'INVALID_ARGUMENT',
      `${name} must be an integer from 1 to ${max}, got ${value}.`,
    );
  }
  return value;
}
