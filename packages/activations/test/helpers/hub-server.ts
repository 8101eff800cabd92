import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface HubServerOptions {
  /** Model id → local directory served under /<id>/resolve/<revision>/<file>. */
  models: Record<string, string>;
  /** When set, requests must carry `Authorization: Bearer <token>`, else 401. */
  token?: string;
  /** Files (model-relative) answered with a body that breaks off halfway. */
  truncate?: string[];
  /** Files answered with HTTP 500. */
  fail?: string[];
}

export interface HubServer {
  url: string;
  /** Every request path seen, in order. */
  requests: string[];
  /** Authorization headers seen. */
  authorizations: string[];
  close(): Promise<void>;
}

/** A loopback server speaking the Hub's file protocol (GET <host>/<id>/resolve/<revision>/<file>). */
export async function startHubServer(options: HubServerOptions): Promise<HubServer> {
  const requests: string[] = [];
  const authorizations: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    if (req.headers.authorization) authorizations.push(req.headers.authorization);
    if (options.token && req.headers.authorization !== `Bearer ${options.token}`) {
      res.writeHead(401).end('unauthorized');
      return;
    }
    const m = /^\/(.+?)\/resolve\/([^/]+)\/(.+)$/.exec(path);
    const dir = m ? options.models[m[1]!] : undefined;
    const file = m?.[3] ?? '';
    if (options.fail?.includes(file)) {
      res.writeHead(500).end('boom');
      return;
    }
    const full = dir ? join(dir, file) : '';
    if (!dir || file.includes('..') || !existsSync(full) || !statSync(full).isFile()) {
      res.writeHead(404).end('Entry not found');
      return;
    }
    const size = statSync(full).size;
    res.writeHead(200, {
      'content-length': String(size),
      'content-type': 'application/octet-stream',
    });
    if (options.truncate?.includes(file)) {
      createReadStream(full, { start: 0, end: Math.floor(size / 2) })
        .on('end', () => res.destroy())
        .pipe(res, { end: false });
      return;
    }
    createReadStream(full).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    authorizations,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
