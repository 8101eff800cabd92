/**
 * Every failure a user can cause or meet surfaces as an `EccoError` with a stable `code`.
 * Codes are part of the public API: programs branch on them, so never rename one.
 * Messages say what went wrong *and* what to do about it.
 */
export const ECCO_ERROR_CODES = [
  // generic
  'INVALID_ARGUMENT',
  'ABORTED',
  'INTERNAL',
  // core data formats
  'INVALID_ECCO_JSON',
  'INVALID_FACTORIZATION',
  'INVALID_CAPTURE',
  'INVALID_RESULT_JSON',
  // nmf
  'NMF_INVALID_INPUT',
  'NMF_INVALID_COMPONENTS',
  'LAYER_RANGE_INVALID',
  'LAYER_NOT_CAPTURED',
  // activations
  'MODEL_NOT_FOUND',
  'MODEL_FILE_MISSING',
  'MODEL_CORRUPT',
  'MODEL_OFFLINE',
  'MODEL_DOWNLOAD_FAILED',
  'UNSUPPORTED_ARCHITECTURE',
  'UNSUPPORTED_DTYPE',
  'UNSUPPORTED_DEVICE',
  'CAPTURE_TENSOR_NOT_FOUND',
  'EMPTY_TEXT',
  'TEXT_TOO_LONG',
  'INVALID_LAYERS',
  'NOT_CAUSAL_MODEL',
  // retrieval
  'EMPTY_LIBRARY',
  'EMPTY_QUERY',
  'INVALID_EXAMPLE',
  'EMBEDDER_MISMATCH',
  'EMBEDDING_FAILED',
  'INDEX_CORRUPT',
  'INDEX_VERSION_UNSUPPORTED',
  // prompt-packer
  'QUERY_TOO_LONG',
  'INVALID_BUDGET',
  'TOKENIZER_UNAVAILABLE',
  // explainer
  'EMPTY_FACTORIZATION',
  'UNKNOWN_PROVIDER',
  'MISSING_API_KEY',
  'PROVIDER_ERROR',
  'PROVIDER_TIMEOUT',
  'PROVIDER_RATE_LIMITED',
  'PROVIDER_UNREACHABLE',
  'INVALID_PROVIDER_RESPONSE',
  'CACHE_ERROR',
  // apps
  'INVALID_OPTION',
  'OUTPUT_WRITE_FAILED',
  // retrieval (appended)
  'INDEX_NOT_FOUND',
] as const;

export type EccoErrorCode = (typeof ECCO_ERROR_CODES)[number];

export interface EccoErrorOptions {
  /** What the user can do about it; appended to the message. */
  hint?: string;
  /** Structured facts for programs (never secrets). */
  details?: Record<string, unknown>;
  cause?: unknown;
}

export class EccoError extends Error {
  override readonly name = 'EccoError';
  readonly code: EccoErrorCode;
  readonly hint: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: EccoErrorCode, message: string, options: EccoErrorOptions = {}) {
    super(options.hint ? `${message} ${options.hint}` : message, { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
    this.details = options.details;
  }

  /** A JSON-safe view (for result files and worker messages). */
  toJSON(): { code: EccoErrorCode; message: string; details?: Record<string, unknown> } {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
}

export function isEccoError(value: unknown, code?: EccoErrorCode): value is EccoError {
  // Structural check too: errors cross realms (workers, iframes, duplicated installs).
  if (value instanceof EccoError) return code === undefined || value.code === code;
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { name?: unknown; code?: unknown };
  return (
    v.name === 'EccoError' &&
    typeof v.code === 'string' &&
    (ECCO_ERROR_CODES as readonly string[]).includes(v.code) &&
    (code === undefined || v.code === code)
  );
}

/** Throws `ABORTED` if the signal has fired; call at every await point of long work. */
export function throwIfAborted(signal: AbortSignal | undefined, what = 'The operation'): void {
  if (signal?.aborted) {
    throw new EccoError('ABORTED', `${what} was cancelled.`, { cause: signal.reason });
  }
}
