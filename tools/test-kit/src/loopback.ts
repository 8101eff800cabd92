import type { IncomingHttpHeaders, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a loopback server received. */
export interface RecordedRequest {
  method: string;
  /** The URL path, percent-decoded, without the query. */
  path: string;
  headers: IncomingHttpHeaders;
  /** `Date.now()` when it arrived. */
  receivedAt: number;
}

function decodedPath(url: string): string {
  const path = new URL(url, 'http://loopback').pathname;
  try {
    return decodeURIComponent(path);
  } catch {
    return path; // malformed escapes: keep them as sent, so the request still 404s cleanly
  }
}

/** What a test keeps of `req`. */
export function recordRequest(req: IncomingMessage): RecordedRequest {
  return {
    method: req.method ?? 'GET',
    path: decodedPath(req.url ?? '/'),
    headers: req.headers,
    receivedAt: Date.now(),
  };
}

/** A server listening on 127.0.0.1. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  url: string;
  /** Ends every open connection (including requests still waiting for an answer), then stops. */
  close(): Promise<void>;
}

/**
 * Starts `server` on a free port of 127.0.0.1, so nothing outside the machine can reach it and
 * parallel test files never collide on a port.
 */
export async function listenOnLoopback(server: Server): Promise<LoopbackServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        // A second close() reports "not running"; closing twice is harmless in a test.
        server.close(() => resolve());
      }),
  };
}
