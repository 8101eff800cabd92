import { EccoError } from '@explainable-ecco/core';

/**
 * Runs one provider call with its own deadline. The call gets a signal that fires on the
 * user's abort or at the deadline; the race makes even a provider that ignores its signal
 * give up. A deadline becomes `PROVIDER_TIMEOUT` (retryable), a user abort `ABORTED`.
 */
export async function withTimeout<T>(
  call: (signal: AbortSignal) => Promise<T>,
  timeoutMs: number,
  userSignal?: AbortSignal,
): Promise<T> {
  const controller = new AbortController();
  let timedOut = false;
  let rejectRace: (error: unknown) => void = () => {};
  const race = new Promise<never>((_, reject) => {
    rejectRace = reject;
  });
  const timeoutError = () =>
    new EccoError('PROVIDER_TIMEOUT', `The model server did not answer within ${timeoutMs} ms.`, {
      hint: 'Raise timeoutMs for slow (e.g. local) models, or check the server.',
      details: { retryable: true, timeoutMs },
    });
  const abortError = () =>
    new EccoError('ABORTED', 'Explaining was cancelled.', { cause: userSignal?.reason });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
    rejectRace(timeoutError());
  }, timeoutMs);
  const onAbort = () => {
    controller.abort();
    rejectRace(abortError());
  };
  if (userSignal?.aborted) onAbort();
  userSignal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await Promise.race([call(controller.signal), race]);
  } catch (error) {
    if (timedOut) throw timeoutError();
    if (userSignal?.aborted) throw abortError();
    throw error;
  } finally {
    clearTimeout(timer);
    userSignal?.removeEventListener('abort', onAbort);
    race.catch(() => {}); // the race may reject after the call settled; nobody listens then
  }
}
