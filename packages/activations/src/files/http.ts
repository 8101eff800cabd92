import { EccoError, isEccoError, redactSecrets } from '@explainable-ecco/core';

export interface HttpGet {
  url: string;
  /** Model-relative file name, for messages. */
  file: string;
  /** Model id or URL, for messages. */
  source: string;
  fetch: typeof globalThis.fetch;
  headers?: Record<string, string>;
  /** Values that must never appear in messages (tokens). */
  secrets?: string[];
  /** Resolve with undefined on 404 instead of throwing. */
  optional?: boolean;
  /** What the user can do to work without the network, for MODEL_OFFLINE hints. */
  offlineHint: string;
}

/** The scheme and host of a URL for messages; the URL itself when it does not parse. */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/** GET with failures mapped to typed errors; undefined for an optional file that does not exist. */
export async function httpGet(req: HttpGet): Promise<Response | undefined> {
  const clean = (s: string) => redactSecrets(s, req.secrets ?? []);
  let response: Response;
  try {
    response = await req.fetch(req.url, { headers: req.headers ?? {} });
  } catch (cause) {
    throw new EccoError(
      'MODEL_OFFLINE',
      clean(`Could not reach ${originOf(req.url)} to download ${req.file} of ${req.source}.`),
      {
        hint: req.offlineHint,
        details: { file: req.file, source: req.source },
        cause: clean(String(cause)),
      },
    );
  }
  if (response.ok) return response;
  await response.body?.cancel().catch(() => undefined);
  const details = { file: req.file, source: req.source, status: response.status };
  if (response.status === 404) {
    if (req.optional) return undefined;
    if (req.file === 'config.json') {
      throw new EccoError(
        'MODEL_NOT_FOUND',
        clean(`No model "${req.source}" at ${originOf(req.url)} (config.json: HTTP 404).`),
        {
          hint: 'Check the id (owner/name) and revision, or pass a local directory in the Hub layout.',
          details,
        },
      );
    }
    throw new EccoError(
      'MODEL_FILE_MISSING',
      clean(`${req.source} has no ${req.file} (HTTP 404).`),
      {
        hint: req.file.endsWith('.onnx')
          ? 'Pick a dtype this repository ships (its onnx/ folder lists model*.onnx files), or pass modelFile.'
          : 'The repository does not look like a transformers.js (Hub layout) model.',
        details,
      },
    );
  }
  if (response.status === 401 || response.status === 403) {
    throw new EccoError(
      'MODEL_DOWNLOAD_FAILED',
      clean(`Access to ${req.file} of ${req.source} was denied (HTTP ${response.status}).`),
      {
        hint: 'The model may be private or gated: accept its terms on the Hub and pass accessToken (or set HF_TOKEN in Node).',
        details,
      },
    );
  }
  throw new EccoError(
    'MODEL_DOWNLOAD_FAILED',
    clean(`Downloading ${req.file} of ${req.source} failed (HTTP ${response.status}).`),
    {
      hint: 'Try again later; if it persists, check env.remoteHost.',
      details,
    },
  );
}

/** Expected body size from Content-Length, when the server sent one. */
export function contentLength(response: Response): number | undefined {
  const n = Number(response.headers.get('content-length'));
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/** Reads a response body in chunks, reporting progress; checks it against Content-Length. */
export async function readBody(
  response: Response,
  what: { file: string; source: string },
  onChunk?: (chunk: Uint8Array, loaded: number, total: number | undefined) => void | Promise<void>,
): Promise<number> {
  const total = contentLength(response);
  let loaded = 0;
  const reader = response.body?.getReader();
  try {
    if (reader) {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        loaded += value.length;
        await onChunk?.(value, loaded, total);
      }
    }
  } catch (cause) {
    await reader?.cancel().catch(() => undefined);
    // A failure of onChunk's own (e.g. the cache cannot be written) is already typed.
    if (isEccoError(cause)) throw cause;
    throw new EccoError(
      'MODEL_DOWNLOAD_FAILED',
      `The download of ${what.file} of ${what.source} broke off after ${loaded} bytes.`,
      {
        hint: 'Check the connection and try again; nothing partial was cached.',
        details: { file: what.file, loaded, total },
        cause,
      },
    );
  }
  // Compressed responses report the compressed length, so only a short plain body is an error.
  if (total !== undefined && loaded < total && !response.headers.get('content-encoding')) {
    throw new EccoError(
      'MODEL_DOWNLOAD_FAILED',
      `The download of ${what.file} of ${what.source} ended early (${loaded} of ${total} bytes).`,
      {
        hint: 'Check the connection and try again; nothing partial was cached.',
        details: { file: what.file, loaded, total },
      },
    );
  }
  return loaded;
}

/** Concatenates chunks into one array. */
export function concatChunks(chunks: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
