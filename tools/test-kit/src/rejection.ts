/** What a failed call carries: an Error, usually an EccoError with its code and details. */
export type Rejection = Error & { code?: string; details?: Record<string, unknown> };

/**
 * The error `promise` rejects with (or `fn` throws or rejects with), for assertions on its
 * code and message. Throws when it succeeds instead, so a test cannot pass by not failing.
 */
export async function rejectionOf(promise: Promise<unknown> | (() => unknown)): Promise<Rejection> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    return error as Rejection;
  }
  throw new Error('expected a rejection, but the call succeeded');
}
