import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaticServer, serveStatic, staticContentType } from '../src/index.js';
import { rawGet } from './raw-get.js';

let root: string;
let secret: string;
let server: StaticServer;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'test-kit-static-'));
  mkdirSync(join(root, 'site/sub'), { recursive: true });
  mkdirSync(join(root, 'models/m'), { recursive: true });
  writeFileSync(join(root, 'site/index.html'), '<!doctype html>home');
  writeFileSync(join(root, 'site/sub/index.html'), 'sub home');
  writeFileSync(join(root, 'site/app.js'), 'export {};');
  writeFileSync(join(root, 'models/m/config.json'), '{"a":1}');
  secret = join(root, 'secret.txt');
  writeFileSync(secret, 'outside every route');
  server = await serveStatic(
    { '/': join(root, 'site'), '/models/m/': join(root, 'models/m') },
    {
      headers: { 'Cross-Origin-Opener-Policy': 'same-origin' },
      delayMs: (p) => (p === '/slow.js' ? 300 : 0),
    },
  );
});
afterAll(() => server?.close());

describe('serveStatic', () => {
  it('serves files with their type and length, and index.html for directories', async () => {
    const home = await fetch(`${server.url}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(home.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(await home.text()).toBe('<!doctype html>home');
    expect(await (await fetch(`${server.url}/sub/`)).text()).toBe('sub home');
    const js = await fetch(`${server.url}/app.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('content-length')).toBe('10');
  });

  it('picks the longest matching prefix', async () => {
    const config = await fetch(`${server.url}/models/m/config.json`);
    expect(await config.json()).toEqual({ a: 1 });
  });

  it('answers 404, with the configured headers, for missing files, directories and escapes', async () => {
    for (const path of ['/missing.js', '/sub']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    }
    for (const path of ['/../secret.txt', '/..%2fsecret.txt', '/models/m/../../secret.txt']) {
      const res = await rawGet(server.url, path);
      expect(res, path).toEqual({ status: 404, body: 'not found' });
    }
  });

  it('records every request with its method, decoded path and headers', async () => {
    const before = server.requests.length;
    await fetch(`${server.url}/a%20b.js?x=1`, { headers: { 'x-test': 'yes' } });
    const [request] = server.requests.slice(before);
    expect(request).toMatchObject({ method: 'GET', path: '/a b.js' });
    expect(request!.headers['x-test']).toBe('yes');
  });

  it('holds back the paths delayMs names', async () => {
    const started = Date.now();
    await fetch(`${server.url}/slow.js`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('types files by extension, bytes otherwise', () => {
    expect(staticContentType('/x/ort.WASM')).toBe('application/wasm');
    expect(staticContentType('model.onnx')).toBe('application/octet-stream');
  });
});
