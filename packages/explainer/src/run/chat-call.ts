import { EccoError, isEccoError, redactSecrets } from '@explainable-ecco/core';
import { cacheKey } from '../cache/cache-key.js';
import type { CachedCompletion, CacheStore } from '../cache/cache-store.js';
import type { ChatProvider, ChatRequest } from '../providers/types.js';
import type { RunStats } from './progress.js';
import type { RateGate } from './rate-gate.js';
import { type RetryEvent, type RetryPolicy, withRetries } from './retry.js';
import { withTimeout } from './with-timeout.js';

export interface ChatCallContext {
  provider: ChatProvider;
  cache: CacheStore | undefined;
  retry: RetryPolicy;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  /** Shared by the run's calls: a Retry-After holds them all. */
  gate?: RateGate;
  stats: RunStats;
  onSent?: (attempt: number) => void;
  onRetry?: (event: RetryEvent) => void;
}

export interface ChatCallResult<T> {
  value: T;
  completion: CachedCompletion;
  cached: boolean;
  /** Set when the answer could not be cached (the result is still good). */
  cacheWarning?: string;
}

/**
 * One logical chat call: served from the cache when the same request was answered before,
 * otherwise sent with a deadline and retried on transient failures. `parse` runs inside the
 * retry loop, so an unusable answer is asked for again and never cached.
 */
export async function callChat<T>(
  request: ChatRequest,
  parse: (content: string) => T,
  ctx: ChatCallContext,
): Promise<ChatCallResult<T>> {
  const key = ctx.cache ? await cacheKey(ctx.provider, request) : undefined;
  if (ctx.cache && key) {
    const hit = await ctx.cache.get(key);
    if (hit) {
      try {
        const value = parse(hit.content);
        ctx.stats.cacheHits++;
        return { value, completion: hit, cached: true };
      } catch {
        // An entry this version cannot read: ask again and overwrite it.
      }
    }
  }
  const { value, completion } = await withRetries(
    async (attempt) => {
      ctx.onSent?.(attempt);
      ctx.stats.requests++;
      const response = await withTimeout(
        (signal) => ctx.provider.complete(request, { signal }),
        ctx.timeoutMs,
        ctx.signal,
      );
      if (response.usage) {
        ctx.stats.promptTokens += response.usage.promptTokens;
        ctx.stats.completionTokens += response.usage.completionTokens;
      }
      const completion: CachedCompletion = {
        content: response.content,
        usage: response.usage,
        model: response.model,
        createdAt: new Date().toISOString(),
      };
      return { value: parse(response.content), completion };
    },
    {
      ...ctx.retry,
      signal: ctx.signal,
      gate: ctx.gate,
      onRetry: (event) => {
        ctx.stats.retries++;
        ctx.onRetry?.(event);
      },
    },
  );
  let cacheWarning: string | undefined;
  if (ctx.cache && key) {
    try {
      await ctx.cache.set(key, completion);
    } catch (error) {
      cacheWarning = isEccoError(error) ? error.message : 'The answer could not be cached.';
    }
  }
  return { value, completion, cached: false, cacheWarning };
}

/** A JSON-safe, secret-free view of any failure, for results and progress events. */
export function errorSummary(
  error: unknown,
  secrets: ReadonlyArray<string | undefined> = [],
): { code: string; message: string } {
  if (isEccoError(error))
    return { code: error.code, message: redactSecrets(error.message, secrets) };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: redactSecrets(message, secrets) };
}

/** Wraps a non-typed failure so callers always see an EccoError. */
export function asEccoError(error: unknown): EccoError {
  if (isEccoError(error)) return error as EccoError;
  const { message } = errorSummary(error);
  return new EccoError('INTERNAL', message);
}
