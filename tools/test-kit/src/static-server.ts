import { createServer } from 'node:http';
import { extname } from 'node:path';
import {
  type LoopbackServer,
  listenOnLoopback,
  type RecordedRequest,
  recordRequest,
} from './loopback.js';
import { fileUnder, sendFile } from './served-file.js';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  // Browsers compile WebAssembly while it streams in only when it is served as application/wasm.
  '.wasm': 'application/wasm',
};

/** The Content-Type a static host would send for `file` (by extension; bytes otherwise). */
export function staticContentType(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export interface StaticServerOptions {
  /** Headers on every answer, e.g. the COOP/COEP pair that makes a page cross-origin isolated. */
  headers?: Readonly<Record<string, string>>;
  /** The Content-Type of a served file (default {@link staticContentType}). */
  contentType?: (file: string) => string;
  /** Milliseconds to hold the answer for a path back (a slow network for one file). */
  delayMs?: (path: string) => number;
}

export interface StaticServer extends LoopbackServer {
  /** Every request, in order of arrival. */
  requests: RecordedRequest[];
}

/**
 * Serves local directories on loopback as a static host would: `routes` maps URL prefixes to
 * directories (the longest prefix wins; a single directory serves `/`). A path ending in `/`
 * serves its `index.html`; there are no directory listings, and anything else is a 404.
 */
export async function serveStatic(
  routes: string | Readonly<Record<string, string>>,
  options: StaticServerOptions = {},
): Promise<StaticServer> {
  const { headers = {}, contentType = staticContentType, delayMs = () => 0 } = options;
  const table = typeof routes === 'string' ? { '/': routes } : routes;
  const prefixes = Object.keys(table).sort((a, b) => b.length - a.length);
  const requests: RecordedRequest[] = [];
  const server = createServer(async (req, res) => {
    const request = recordRequest(req);
    requests.push(request);
    const delay = delayMs(request.path);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const prefix = prefixes.find((p) => request.path.startsWith(p));
    const tail = prefix === undefined ? '' : request.path.slice(prefix.length);
    const file =
      prefix === undefined
        ? undefined
        : fileUnder(table[prefix]!, tail === '' || tail.endsWith('/') ? `${tail}index.html` : tail);
    if (!file) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    sendFile(res, file, { ...headers, 'Content-Type': contentType(file) });
  });
  return { ...(await listenOnLoopback(server)), requests };
}
