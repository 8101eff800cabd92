import { EccoError, throwIfAborted } from '@explainable-ecco/core';

/**
 * Waits for `work`, or fails with ABORTED as soon as `signal` fires, for work that cannot be
 * interrupted itself (model loading, inference, reading stdin). The work goes on in the
 * background; `onLate` receives its result if it arrives after the abort (to release it).
 */
export function untilAborted<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
  what: string,
  onLate?: (value: T) => unknown,
): Promise<T> {
  if (!signal) return work;
  try {
    throwIfAborted(signal, what);
  } catch (error) {
    work.then(onLate, () => {}).catch(() => {});
    return Promise.reject(error);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      work.then(onLate, () => {}).catch(() => {});
      reject(new EccoError('ABORTED', `${what} was cancelled.`, { cause: signal.reason }));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
