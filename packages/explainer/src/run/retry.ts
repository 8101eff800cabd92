import { EccoError, isEccoError } from '@explainable-ecco/core';
import { sleep } from './sleep.js';

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
 * The wait before retry `attempt` (1-based): the server's Retry-After when it gave one,
 * otherwise exponential backoff with "equal jitter" (half fixed, half random), so many clients
 * retrying together spread out without waiting less than half the step.
 */
export function backoffDelay(attempt: number, error: EccoError, policy: RetryPolicy = {}): number {
  const after = error.details?.retryAfterMs;
  if (typeof after === 'number' && Number.isFinite(after) && after >= 0) return after;
  const base = policy.baseDelayMs ?? 500;
  const step = Math.min(policy.maxDelayMs ?? 20_000, base * 2 ** (attempt - 1));
  const random = policy.random ?? Math.random;
  return step / 2 + random() * (step / 2);
}

/** Calls `fn` until it succeeds, fails for good, or runs out of retries. */
export async function withRetries<T>(
  fn: (attempt: number) => Promise<T>,
  options: RetryPolicy & { signal?: AbortSignal; onRetry?: (event: RetryEvent) => void },
): Promise<T> {
  const retries = options.retries ?? 4;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (!isRetryable(error) || attempt > retries) throw error;
      const delayMs = backoffDelay(attempt, error, options);
      const maxAfter = options.maxRetryAfterMs ?? 60_000;
      if (delayMs > maxAfter) {
        throw new EccoError(
          error.code,
          `${error.message} The server asked to wait ${Math.round(delayMs / 1000)} s, longer than maxRetryAfterMs.`,
          {
            details: { ...error.details, retryable: false },
          },
        );
      }
      options.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs, options.signal);
    }
  }
}
