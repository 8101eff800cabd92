import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type HubServer, startHubServer } from '../src/index.js';
import { rawGet } from './raw-get.js';

let dir: string;
let hub: HubServer | undefined;

beforeAll(() => {
  const root = mkdtempSync(join(tmpdir(), 'test-kit-hub-'));
  writeFileSync(join(root, 'secret.txt'), 'outside the model');
  dir = join(root, 'model');
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  writeFileSync(join(dir, 'config.json'), '{"model_type":"llama"}');
  writeFileSync(join(dir, 'onnx/model.onnx'), Buffer.alloc(1000, 7));
});
afterEach(() => hub?.close());

describe('startHubServer', () => {
  it('serves a model folder at /<id>/resolve/<revision>/<file> with the Hub’s CORS header', async () => {
    hub = await startHubServer({ models: { 'org/tiny': dir } });
    expect(hub.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await fetch(`${hub.url}org/tiny/resolve/main/config.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.json()).toEqual({ model_type: 'llama' });
    expect((await fetch(`${hub.url}org/tiny/resolve/v1.0/onnx/model.onnx`)).status).toBe(200);
    for (const path of [
      'org/tiny/resolve/main/nope.json',
      'org/other/resolve/main/config.json',
      'org/tiny/resolve/main/..%2fsecret.txt',
      'org/tiny/config.json',
    ]) {
      expect(await rawGet(hub.url.slice(0, -1), `/${path}`), path).toEqual({
        status: 404,
        body: 'Entry not found',
      });
    }
    expect(hub.requests.map((r) => r.path)).toEqual([
      '/org/tiny/resolve/main/config.json',
      '/org/tiny/resolve/v1.0/onnx/model.onnx',
      '/org/tiny/resolve/main/nope.json',
      '/org/other/resolve/main/config.json',
      '/org/tiny/resolve/main/../secret.txt',
      '/org/tiny/config.json',
    ]);
  });

  it('refuses requests without the token, and fails or cuts off the files it is told to', async () => {
    hub = await startHubServer({
      models: { 'org/tiny': dir },
      token: 'hf_secret',
      fail: ['config.json'],
      truncate: ['onnx/model.onnx'],
    });
    const auth = { authorization: 'Bearer hf_secret' };
    expect((await fetch(`${hub.url}org/tiny/resolve/main/onnx/model.onnx`)).status).toBe(401);
    expect(
      (await fetch(`${hub.url}org/tiny/resolve/main/config.json`, { headers: auth })).status,
    ).toBe(500);
    const cut = await fetch(`${hub.url}org/tiny/resolve/main/onnx/model.onnx`, { headers: auth });
    expect(cut.status).toBe(200);
    expect(cut.headers.get('content-length')).toBe('1000');
    await expect(cut.arrayBuffer()).rejects.toThrow();
    expect(hub.requests.map((r) => r.headers.authorization)).toEqual([
      undefined,
      'Bearer hf_secret',
      'Bearer hf_secret',
    ]);
  });
});
