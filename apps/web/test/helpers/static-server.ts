import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, relative, sep } from 'node:path';
import { contentTypeOf } from '../../vite/content-type.js';
import { ISOLATION_HEADERS } from '../../vite/isolation-headers.js';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

export interface StaticServer {
  /** http://127.0.0.1:port, no trailing slash. */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * Serves a built app from a directory on loopback, as any static host would, recording every
 * request. `isolated` adds the COOP/COEP headers that make the page cross-origin isolated.
 */
export async function serveDirectory(
  dir: string,
  options: {
    isolated?: boolean;
    /** Milliseconds to hold a response back, by path (a slow network for one file). */
    delayMs?: (path: string) => number;
  } = {},
): Promise<StaticServer> {
  const { isolated = true, delayMs = () => 0 } = options;
  const requests: RecordedRequest[] = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers });
    const delay = delayMs(path);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path));
    const inside = relative(dir, file);
    let size = -1;
    try {
      if (!inside.startsWith('..') && !inside.startsWith(sep)) size = statSync(file).size;
    } catch {
      size = -1;
    }
    const headers = isolated ? { ...ISOLATION_HEADERS } : {};
    if (size < 0) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, {
      ...headers,
      'Content-Type': contentTypeOf(file),
      'Content-Length': String(size),
    });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
