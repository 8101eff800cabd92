import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, relative } from 'node:path';

export interface HubServer {
  /** http://127.0.0.1:port/ — what the app's "Hub address" takes. */
  url: string;
  /** Paths requested, in order. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * A loopback stand-in for the Hugging Face Hub: serves model folders at the Hub's URL layout
 * (`/<org>/<name>/resolve/main/<file>`), with the CORS header the Hub sends.
 */
export async function startHub(models: Record<string, string>): Promise<HubServer> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    const headers = { 'Access-Control-Allow-Origin': '*' };
    const match = /^\/([^/]+\/[^/]+)\/resolve\/main\/(.+)$/.exec(path);
    const dir = match ? models[match[1]!] : undefined;
    const file = dir && match ? normalize(join(dir, match[2]!)) : undefined;
    let size = -1;
    try {
      if (dir && file && !relative(dir, file).startsWith('..')) size = statSync(file).size;
    } catch {
      size = -1;
    }
    if (!file || size < 0) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('Entry not found');
      return;
    }
    res.writeHead(200, {
      ...headers,
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(size),
    });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
