import { EccoError, redactSecrets } from '@explainable-ecco/core';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';

/** Milliseconds to wait from `retry-after-ms` or `retry-after` (seconds or an HTTP date). */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && Number.isFinite(Number(ms)) && Number(ms) >= 0) return Number(ms);
  const after = headers.get('retry-after');
  if (after === null) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(after)) return Number(after) * 1000;
  const date = Date.parse(after);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** A part of a Chat Completions request that a server can reject while the rest would work. */
export type RejectedParameter = 'response_format' | 'max_tokens' | 'temperature' | 'system';

/**
 * Which request parameter a 400/422 rejected, when it is one the provider can change:
 * `response_format` (servers without structured output), `max_tokens` (reasoning models want
 * `max_completion_tokens`), `temperature` (reasoning models take only the default), `system`
 * (models without system messages). Read from OpenAI's `param` field, or the message when a
 * server sends none. Anything else — context length, a bad model name… — is undefined: the
 * request failed for another reason, and that error is the one to report.
 */
export function rejectedParameter(error: unknown): RejectedParameter | undefined {
  if (!(error instanceof APIError) || (error.status !== 400 && error.status !== 422)) {
    return undefined;
  }
  const param = typeof error.param === 'string' ? error.param : '';
  const message = error.message ?? '';
  if (param !== '') {
    // OpenAI names the parameter: trust it over the wording.
    if (param.startsWith('response_format')) return 'response_format';
    if (param === 'max_tokens') return 'max_tokens';
    if (param === 'temperature') return 'temperature';
    if (/^messages\[\d+\]\.role$/.test(param) && /'system'/i.test(message)) return 'system';
    return undefined;
  }
  if (/response_format|json_schema/i.test(message)) return 'response_format';
  if (/max_completion_tokens/.test(message)) return 'max_tokens';
  if (/'temperature'/.test(message)) return 'temperature';
  if (/does not support 'system'/i.test(message)) return 'system';
  return undefined;
}

/**
 * Turns an `openai` SDK failure into a typed error with a secret-free message.
 * The SDK error is not kept as `cause`: its fields may echo what the server was sent.
 */
export function toProviderError(
  error: unknown,
  secrets: ReadonlyArray<string | undefined>,
): EccoError | unknown {
  const clean = (text: string) => redactSecrets(text, secrets);
  if (error instanceof APIUserAbortError) return error; // the caller knows why it aborted
  if (error instanceof APIConnectionTimeoutError) {
    return new EccoError('PROVIDER_TIMEOUT', 'The model server did not answer in time.', {
      hint: 'Raise timeoutMs, or check the server.',
      details: { retryable: true },
    });
  }
  if (error instanceof APIConnectionError) {
    return new EccoError(
      'PROVIDER_UNREACHABLE',
      `Could not reach the model server: ${clean(error.message)}`,
      {
        hint: 'Check baseURL and that the server is running.',
        details: { retryable: true },
      },
    );
  }
  if (error instanceof APIError) {
    const status = error.status;
    const message = clean(error.message);
    const wait = retryAfterMs(error.headers as Headers | undefined);
    if (status === 429) {
      return new EccoError(
        'PROVIDER_RATE_LIMITED',
        `The model server is rate limiting requests (429): ${message}`,
        {
          hint: 'Lower concurrency, or wait and re-run (finished factors are cached).',
          details: { status, retryable: true, retryAfterMs: wait },
        },
      );
    }
    const retryable = status === undefined || status >= 500 || status === 408 || status === 409;
    const hint =
      status === 401 || status === 403
        ? 'Check the API key (OPENAI_API_KEY or the apiKey option).'
        : status === 404
          ? 'Check the model name and baseURL.'
          : retryable
            ? 'The server failed; it was retried. Re-run later.'
            : 'The request was rejected; check the model and options.';
    return new EccoError(
      'PROVIDER_ERROR',
      `The model server answered ${status ?? 'an error'}: ${message}`,
      {
        hint,
        details: { status, retryable, retryAfterMs: wait },
      },
    );
  }
  return error;
}
