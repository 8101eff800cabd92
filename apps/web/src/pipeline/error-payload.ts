import { type EccoError, isEccoError, redactSecrets } from '@explainable-ecco/core';
import type { ErrorPayload } from './protocol.js';

function isAbortError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'AbortError'
  );
}

/** JSON-safe details with every string redacted, or undefined when they cannot be copied. */
function safeDetails(
  details: Record<string, unknown> | undefined,
  secrets: readonly string[],
): Record<string, unknown> | undefined {
  if (!details) return undefined;
  try {
    return JSON.parse(redactSecrets(JSON.stringify(details), secrets));
  } catch {
    return undefined;
  }
}

/**
 * A typed, clonable and secret-free view of any error, for the page to show. EccoErrors keep
 * their code and hint; anything else is an internal error, since the packages type every
 * failure a user can cause.
 */
export function toErrorPayload(error: unknown, secrets: readonly string[] = []): ErrorPayload {
  const redact = (text: string) => redactSecrets(text, secrets);
  if (isEccoError(error)) {
    const e = error as EccoError;
    const hint = e.hint ? redact(e.hint) : undefined;
    // EccoError appends the hint to its message; the page shows the two apart.
    let message = redact(e.message);
    if (hint && message.endsWith(` ${hint}`)) message = message.slice(0, -hint.length - 1);
    const payload: ErrorPayload = { code: e.code, message };
    if (hint) payload.hint = hint;
    const details = safeDetails(e.details, secrets);
    if (details) payload.details = details;
    return payload;
  }
  if (isAbortError(error)) {
    return { code: 'ABORTED', message: 'The run was cancelled.' };
  }
  const text = error instanceof Error ? error.message : String(error);
  return {
    code: 'INTERNAL',
    message: redact(`Unexpected error: ${text || 'unknown'}.`),
    hint: 'Reload the page and try again; if it happens again, please report it with the browser console output.',
  };
}
