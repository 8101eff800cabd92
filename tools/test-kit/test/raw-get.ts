import { request } from 'node:http';

/**
 * GET with the path sent exactly as written (fetch() would resolve `..` segments first). The
 * servers resolve plain `..` segments too; an encoded slash (`..%2f`) is what only their own
 * guard against leaving their directory stops.
 */
export function rawGet(origin: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}${path}`, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.path = path;
    req.on('error', reject);
    req.end();
  });
}
