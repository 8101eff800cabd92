import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import {
  type LoopbackServer,
  listenOnLoopback,
  type RecordedRequest,
  recordRequest,
} from './loopback.js';
import { fileUnder, sendFile } from './served-file.js';

export interface HubServerOptions {
  /** Model id (`org/name`) → the local directory served as that repository. */
  models: Readonly<Record<string, string>>;
  /** When set, requests must carry `Authorization: Bearer <token>`; others get a 401. */
  token?: string;
  /** Repository files answered with a body that breaks off halfway. */
  truncate?: readonly string[];
  /** Repository files answered with HTTP 500. */
  fail?: readonly string[];
}

export interface HubServer extends LoopbackServer {
  /** `http://127.0.0.1:<port>/`: with the trailing slash a remote host setting takes. */
  url: string;
  /** Every request, in order of arrival. */
  requests: RecordedRequest[];
}

// The Hub's file URL: /<org>/<name>/resolve/<revision>/<path in the repository>.
const RESOLVE = /^\/(.+?)\/resolve\/([^/]+)\/(.+)$/;

/**
 * A loopback stand-in for the Hugging Face Hub's file protocol
 * (`GET <host>/<id>/resolve/<revision>/<file>`), with the CORS header the Hub sends so
 * browsers may read it. Every revision serves the same directory.
 */
export async function startHubServer(options: HubServerOptions): Promise<HubServer> {
  const requests: RecordedRequest[] = [];
  const cors = { 'Access-Control-Allow-Origin': '*' };
  const server = createServer((req, res) => {
    const request = recordRequest(req);
    requests.push(request);
    if (options.token !== undefined && req.headers.authorization !== `Bearer ${options.token}`) {
      res.writeHead(401, { ...cors, 'Content-Type': 'text/plain' }).end('unauthorized');
      return;
    }
    const match = RESOLVE.exec(request.path);
    const dir = match ? options.models[match[1]!] : undefined;
    const name = match?.[3] ?? '';
    if (options.fail?.includes(name)) {
      res.writeHead(500, { ...cors, 'Content-Type': 'text/plain' }).end('boom');
      return;
    }
    const file = dir === undefined ? undefined : fileUnder(dir, name);
    if (!file) {
      res.writeHead(404, { ...cors, 'Content-Type': 'text/plain' }).end('Entry not found');
      return;
    }
    const headers = { ...cors, 'Content-Type': 'application/octet-stream' };
    if (!options.truncate?.includes(name)) {
      sendFile(res, file, headers);
      return;
    }
    // Announce the whole length, send half, then drop the connection: a download cut off.
    const size = statSync(file).size;
    res.writeHead(200, { ...headers, 'Content-Length': String(size) });
    createReadStream(file, { start: 0, end: Math.floor(size / 2) })
      .on('end', () => res.destroy())
      .pipe(res, { end: false });
  });
  const loopback = await listenOnLoopback(server);
  return { ...loopback, url: `${loopback.url}/`, requests };
}
