import { EccoError, isEccoError } from '@explainable-ecco/core';
import type { RateGate } from './rate-gate.js';
import { sleep } from './sleep.js';

/** Jitter added on top of a server's Retry-After: up to this fraction of it… */
export const RETRY_AFTER_JITTER_FRACTION = 0.1;
/** …and never more than this (ms). */
export const RETRY_AFTER_JITTER_MAX_MS = 1000;

/** The span of the random wait added after a Retry-After of `afterMs`. */
export function retryAfterJitterSpan(afterMs: number): number {
  return Math.min(RETRY_AFTER_JITTER_MAX_MS, afterMs * RETRY_AFTER_JITTER_FRACTION);
}

function retryAfterOf(error: EccoError): number | undefined {
  const after = error.details?.retryAfterMs;
  return typeof after === 'number' && Number.isFinite(after) && after >= 0 ? after : undefined;
}

export interface RetryPolicy {
  /** Retries after the first attempt (default 4). */
  retries?: number;
  /** First backoff step (default 500 ms), doubled per attempt. */
  baseDelayMs?: number;
  /** Cap on one backoff wait (default 20 s). */
  maxDelayMs?: number;
  /** Longest `Retry-After` honoured; longer ones fail the request instead (default 60 s). */
  maxRetryAfterMs?: number;
  /** Random source in [0, 1) for jitter (tests pass a seeded one). */
  random?: () => number;
}

export interface RetryEvent {
  attempt: number;
  delayMs: number;
  error: EccoError;
}

/** True for failures another attempt may fix: rate limits, 5xx, timeouts, lost connections. */
export function isRetryable(error: unknown): error is EccoError {
  if (!isEccoError(error)) return false;
  if (error.code === 'ABORTED') return false;
  if (error.details?.retryable === true) return true;
  return (
    error.code === 'PROVIDER_TIMEOUT' ||
    error.code === 'PROVIDER_UNREACHABLE' ||
    error.code === 'PROVIDER_RATE_LIMITED'
  );
}

/**
 * The wait before retry `attempt` (1-based): the server's Retry-After when it gave one, plus a
 * small jitter (up to 10 % of it, at most 1 s) so retries do not arrive together; otherwise
 * exponential backoff with "equal jitter" (half fixed, half random), so many clients retrying
 * together spread out without waiting less than half the step.
 */
export function backoffDelay(attempt: number, error: EccoError, policy: RetryPolicy = {}): number {
  const random = policy.random ?? Math.random;
  const after = retryAfterOf(error);
  if (after !== undefined) return after + random() * retryAfterJitterSpan(after);
  const base = policy.baseDelayMs ?? 500;
  const step = Math.min(policy.maxDelayMs ?? 20_000, base * 2 ** (attempt - 1));
  return step / 2 + random() * (step / 2);
}

/**
 * Calls `fn` until it succeeds, fails for good, or runs out of retries. With a `gate`, every
 * attempt first waits for it, and a Retry-After answer holds the gate — so the other calls of
 * the run wait out the server's request too.
 */
export async function withRetries<T>(
  fn: (attempt: number) => Promise<T>,
  options: RetryPolicy & {
    signal?: AbortSignal;
    onRetry?: (event: RetryEvent) => void;
    gate?: RateGate;
  },
): Promise<T> {
  const retries = options.retries ?? 4;
  for (let attempt = 1; ; attempt++) {
    await options.gate?.wait(options.signal);
    try {
      return await fn(attempt);
    } catch (error) {
      if (!isRetryable(error) || attempt > retries) throw error;
      const delayMs = backoffDelay(attempt, error, options);
      const after = retryAfterOf(error);
      const maxAfter = options.maxRetryAfterMs ?? 60_000;
      if (after !== undefined && after > maxAfter) {
        throw new EccoError(
          error.code,
          `${error.message} The server asked to wait ${Math.round(after / 1000)} s, longer than maxRetryAfterMs.`,
          {
            details: { ...error.details, retryable: false },
          },
        );
      }
      if (after !== undefined)
        options.gate?.holdUntil(Date.now() + after, retryAfterJitterSpan(after));
      options.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs, options.signal);
    }
  }
}
