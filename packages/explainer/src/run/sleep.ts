import { EccoError } from '@explainable-ecco/core';

/** Waits `ms`, or rejects with `ABORTED` as soon as the signal fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const aborted = () =>
      reject(new EccoError('ABORTED', 'Explaining was cancelled.', { cause: signal?.reason }));
    if (signal?.aborted) return aborted();
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    const onAbort = () => {
      clearTimeout(timer);
      aborted();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
