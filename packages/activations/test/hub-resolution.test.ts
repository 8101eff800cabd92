import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type HubServer, rejectionOf, repoRoot, startHubServer } from '@explainable-ecco/test-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EccoModel, env, type LoadProgress } from '../src/node.js';
import { externalizeInitializers } from './helpers/external-data.js';
import { modelDirVariant } from './helpers/model-dir.js';

const llamaDir = resolve(repoRoot, 'fixtures/models/tiny-llama');
const bertDir = resolve(repoRoot, 'fixtures/models/tiny-bert');
const id = 'test-org/tiny-llama';
const text = 'The river runs beneath the hill.';
const saved = { ...env };
let server: HubServer | undefined;

function freshCache(): string {
  return mkdtempSync(join(tmpdir(), 'ecco-cache-'));
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) =>
    statSync(join(dir, f)).isFile(),
  );
}

beforeEach(() => {
  Object.assign(env, saved);
});
afterEach(async () => {
  Object.assign(env, saved);
  await server?.close();
  server = undefined;
});

describe('Hub ids', () => {
  it('downloads once into the cache, then loads from the cache without a request', async () => {
    server = await startHubServer({ models: { [id]: llamaDir } });
    env.remoteHost = server.url;
    const cacheDir = freshCache();
    const progress: LoadProgress[] = [];
    const first = await EccoModel.fromPretrained(id, {
      cacheDir,
      onProgress: (p) => progress.push(p),
    });
    expect(server.requests.map((r) => r.path)).toEqual(
      expect.arrayContaining([
        `/${id}/resolve/main/config.json`,
        `/${id}/resolve/main/tokenizer.json`,
        `/${id}/resolve/main/onnx/model.onnx`,
      ]),
    );
    expect(readFileSync(join(cacheDir, id, 'onnx/model.onnx'))).toEqual(
      readFileSync(join(llamaDir, 'onnx/model.onnx')),
    );
    const download = progress.filter(
      (p) => p.status === 'download' && p.file === 'onnx/model.onnx',
    );
    expect(download.at(-1)).toMatchObject({
      loaded: statSync(join(llamaDir, 'onnx/model.onnx')).size,
      total: statSync(join(llamaDir, 'onnx/model.onnx')).size,
    });
    expect(progress.at(-1)).toEqual({ status: 'ready', file: '' });

    const seen = server.requests.length;
    const again: LoadProgress[] = [];
    const second = await EccoModel.fromPretrained(id, {
      cacheDir,
      onProgress: (p) => again.push(p),
    });
    expect(server.requests.length).toBe(seen);
    expect(again.filter((p) => p.status === 'download')).toEqual([]);
    expect(again.some((p) => p.status === 'cached' && p.file === 'onnx/model.onnx')).toBe(true);

    const local = await EccoModel.fromPretrained(llamaDir);
    const [a, b, c] = await Promise.all([first.run(text), second.run(text), local.run(text)]);
    expect(Array.from(a.activations.data)).toEqual(Array.from(c.activations.data));
    expect(Array.from(b.activations.data)).toEqual(Array.from(c.activations.data));
    expect(first.source).toBe(id);
    await Promise.all([first.dispose(), second.dispose(), local.dispose()]);
  });

  it('works offline from the cache once downloaded', async () => {
    server = await startHubServer({ models: { [id]: llamaDir } });
    env.remoteHost = server.url;
    const cacheDir = freshCache();
    await (await EccoModel.fromPretrained(id, { cacheDir })).dispose();
    await server.close();
    server = undefined;
    const lm = await EccoModel.fromPretrained(id, { cacheDir });
    expect((await lm.run(text)).activations.layers).toEqual([0, 1]);
    await lm.dispose();
  });

  it('fails with MODEL_OFFLINE and what to do when the host is unreachable', async () => {
    server = await startHubServer({ models: {} });
    env.remoteHost = server.url;
    await server.close();
    server = undefined;
    const cacheDir = freshCache();
    const error = await rejectionOf(EccoModel.fromPretrained(id, { cacheDir }));
    expect(error.code).toBe('MODEL_OFFLINE');
    expect(error.message).toContain('Could not reach http://127.0.0.1');
    expect(error.message).toContain(cacheDir);
    expect(error.message).toMatch(/local directory/);
  });

  it('fails with MODEL_OFFLINE without a request when downloads are disabled and nothing is cached', async () => {
    server = await startHubServer({ models: { [id]: llamaDir } });
    env.remoteHost = server.url;
    const viaOption = await rejectionOf(
      EccoModel.fromPretrained(id, { cacheDir: freshCache(), localFilesOnly: true }),
    );
    expect(viaOption.code).toBe('MODEL_OFFLINE');
    env.allowRemoteModels = false;
    const viaEnv = await rejectionOf(EccoModel.fromPretrained(id, { cacheDir: freshCache() }));
    expect(viaEnv.code).toBe('MODEL_OFFLINE');
    expect(viaEnv.message).toContain('allowRemoteModels');
    expect(server.requests).toEqual([]);
  });

  it('maps a missing model to MODEL_NOT_FOUND and a missing dtype file to MODEL_FILE_MISSING', async () => {
    server = await startHubServer({ models: { [id]: llamaDir } });
    env.remoteHost = server.url;
    const missing = await rejectionOf(
      EccoModel.fromPretrained('test-org/nope', { cacheDir: freshCache() }),
    );
    expect(missing.code).toBe('MODEL_NOT_FOUND');
    const noFp16 = await rejectionOf(
      EccoModel.fromPretrained(id, { cacheDir: freshCache(), dtype: 'fp16' }),
    );
    expect(noFp16.code).toBe('MODEL_FILE_MISSING');
    expect(noFp16.message).toContain('onnx/model_fp16.onnx');
  });

  it('uses the revision in URLs and cache paths', async () => {
    server = await startHubServer({ models: { [id]: llamaDir } });
    env.remoteHost = server.url;
    const cacheDir = freshCache();
    const lm = await EccoModel.fromPretrained(id, { cacheDir, revision: 'v1.0' });
    expect(server.requests.length).toBeGreaterThan(0);
    expect(server.requests.every((r) => r.path.startsWith(`/${id}/resolve/v1.0/`))).toBe(true);
    expect(existsSync(join(cacheDir, id, 'v1.0', 'config.json'))).toBe(true);
    expect(lm.source).toBe(`${id}@v1.0`);
    await lm.dispose();
  });

  it('sends the access token as a header and never puts it in errors or the cache', async () => {
    const token = 'hf_abcdefghijklmnopqrstuvwxyz0123';
    server = await startHubServer({ models: { [id]: llamaDir }, token, fail: ['tokenizer.json'] });
    env.remoteHost = server.url;
    const denied = await rejectionOf(EccoModel.fromPretrained(id, { cacheDir: freshCache() }));
    expect(denied.code).toBe('MODEL_DOWNLOAD_FAILED');
    expect(denied.message).toContain('HTTP 401');
    expect(denied.message).toContain('accessToken');
    const cacheDir = freshCache();
    const failed = await rejectionOf(
      EccoModel.fromPretrained(id, { cacheDir, accessToken: token }),
    );
    expect(failed.code).toBe('MODEL_DOWNLOAD_FAILED');
    expect(server.requests.map((r) => r.headers.authorization)).toContain(`Bearer ${token}`);
    const everything = JSON.stringify({ m: failed.message, e: failed, c: String(failed.cause) });
    expect(everything).not.toContain(token);
    for (const f of listFiles(cacheDir))
      expect(readFileSync(join(cacheDir, f), 'utf8')).not.toContain(token);
  });

  it('does not cache a download that broke off', async () => {
    server = await startHubServer({ models: { [id]: llamaDir }, truncate: ['onnx/model.onnx'] });
    env.remoteHost = server.url;
    const cacheDir = freshCache();
    const error = await rejectionOf(EccoModel.fromPretrained(id, { cacheDir }));
    expect(error.code).toBe('MODEL_DOWNLOAD_FAILED');
    expect(listFiles(cacheDir).filter((f) => f.includes('model.onnx'))).toEqual([]);
  });

  it('finds ids under env.localModelPath without the network', async () => {
    server = await startHubServer({ models: {} });
    env.remoteHost = server.url;
    env.localModelPath = resolve(repoRoot, 'fixtures/models');
    const lm = await EccoModel.fromPretrained('tiny-bert');
    expect(lm.source).toBe(bertDir);
    expect(server.requests).toEqual([]);
    await lm.dispose();
  });
});

describe('Hub ids: bad settings and a cache that cannot be written', () => {
  it('refuses an env.remoteHost without an http(s) scheme before any request', async () => {
    const calls: string[] = [];
    const fetch = async (input: unknown) => {
      calls.push(String(input));
      throw new TypeError('Invalid URL');
    };
    for (const host of ['huggingface.co', 'localhost:8080/', '']) {
      env.remoteHost = host;
      const error = await rejectionOf(
        EccoModel.fromPretrained(id, { cacheDir: freshCache(), fetch: fetch as never }),
      );
      expect(error.code, host).toBe('INVALID_ARGUMENT');
      expect(error.message).toContain('env.remoteHost');
      expect(error.message).toContain('https://huggingface.co/');
    }
    expect(calls).toEqual([]);
  });

  it('maps a cache folder it cannot create to CACHE_ERROR', async () => {
    server = await startHubServer({ models: { [id]: llamaDir } });
    env.remoteHost = server.url;
    // A path under a regular file: unwritable even for root (chmod would not stop root).
    const file = join(freshCache(), 'a-file');
    writeFileSync(file, '');
    const cacheDir = join(file, 'cache');
    const error = await rejectionOf(EccoModel.fromPretrained(id, { cacheDir }));
    expect(error.code).toBe('CACHE_ERROR');
    expect(error.message).toContain(cacheDir);
    expect(error.message).toContain('ENOTDIR');
    expect((error.cause as { code?: string }).code).toBe('ENOTDIR');
  });

  it('maps a download it cannot move into place to CACHE_ERROR and leaves no partial file', async () => {
    server = await startHubServer({ models: { [id]: llamaDir } });
    env.remoteHost = server.url;
    const cacheDir = freshCache();
    // A directory where the downloaded config.json has to go.
    mkdirSync(join(cacheDir, id, 'config.json', 'in-the-way'), { recursive: true });
    const error = await rejectionOf(EccoModel.fromPretrained(id, { cacheDir }));
    expect(error.code).toBe('CACHE_ERROR');
    expect(error.message).toContain(join(cacheDir, id, 'config.json'));
    expect(error.cause).toBeInstanceOf(Error);
    expect(listFiles(cacheDir).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('maps a download file it cannot create to CACHE_ERROR', async () => {
    // A 245-character file name is fine, but the temporary name beside it exceeds 255.
    const long = `onnx/${'m'.repeat(240)}.onnx`;
    const dir = modelDirVariant(llamaDir);
    copyFileSync(join(llamaDir, 'onnx/model.onnx'), join(dir, long));
    server = await startHubServer({ models: { [id]: dir } });
    env.remoteHost = server.url;
    const cacheDir = freshCache();
    const error = await rejectionOf(EccoModel.fromPretrained(id, { cacheDir, modelFile: long }));
    expect(error.code).toBe('CACHE_ERROR');
    expect((error.cause as { code?: string }).code).toBe('ENAMETOOLONG');
    expect(listFiles(cacheDir).filter((f) => f.includes('mmm'))).toEqual([]);
  });
});

describe('Hub ids: paths that would leave the cache', () => {
  it('refuses a revision with ".." segments, without a request or a write outside the cache', async () => {
    server = await startHubServer({ models: { [id]: llamaDir } });
    env.remoteHost = server.url;
    const root = freshCache();
    const cacheDir = join(root, 'cache');
    for (const revision of ['../../../outside', '..', '/abs', 'v1/../../../x']) {
      const error = await rejectionOf(EccoModel.fromPretrained(id, { cacheDir, revision }));
      expect(error.code, revision).toBe('INVALID_ARGUMENT');
      expect(error.message).toContain('revision');
    }
    expect(server.requests).toEqual([]);
    expect(readdirSync(root)).toEqual([]);
  });

  it('refuses external data whose location climbs out of the model folder (Hub and local)', async () => {
    const location = '../../../../escape.onnx_data';
    const { model, data } = externalizeInitializers(
      readFileSync(join(llamaDir, 'onnx/model.onnx')),
      location,
    );
    const dir = modelDirVariant(llamaDir, { files: { 'onnx/model.onnx': model } });
    server = await startHubServer({ models: { [id]: dir } });
    env.remoteHost = server.url;
    const root = freshCache();
    const cacheDir = join(root, 'a', 'b', 'cache');
    // Were the location followed, the file would be stored at <root>/a/escape.onnx_data.
    writeFileSync(join(root, 'escape.onnx_data'), data);
    const fromHub = await rejectionOf(EccoModel.fromPretrained(id, { cacheDir }));
    expect(fromHub.code).toBe('MODEL_CORRUPT');
    expect(fromHub.message).toContain(location);
    expect(fromHub.message).toContain('outside the model folder');
    expect(server.requests.some((r) => r.path.includes('escape'))).toBe(false);
    expect(listFiles(root).filter((f) => f.includes('escape'))).toEqual(['escape.onnx_data']);
    const local = await rejectionOf(EccoModel.fromPretrained(dir));
    expect(local.code).toBe('MODEL_CORRUPT');
  });

  it('refuses a modelFile outside the model folder', async () => {
    server = await startHubServer({ models: { [id]: llamaDir } });
    env.remoteHost = server.url;
    for (const modelFile of ['../tiny-bert/onnx/model.onnx', '/etc/passwd', 'onnx/../../x.onnx']) {
      const error = await rejectionOf(
        EccoModel.fromPretrained(id, { cacheDir: freshCache(), modelFile }),
      );
      expect(error.code, modelFile).toBe('INVALID_ARGUMENT');
    }
    expect(server.requests).toEqual([]);
    const local = await rejectionOf(
      EccoModel.fromPretrained(llamaDir, { modelFile: '../tiny-bert/onnx/model.onnx' }),
    );
    expect(local.code).toBe('INVALID_ARGUMENT');
  });
});

describe('local directories', () => {
  it('never touch the network', async () => {
    server = await startHubServer({ models: { [id]: llamaDir } });
    env.remoteHost = server.url;
    const calls: string[] = [];
    const lm = await EccoModel.fromPretrained(llamaDir, {
      fetch: async (input) => {
        calls.push(String(input));
        throw new Error('no network for local directories');
      },
    });
    await lm.run(text);
    expect(calls).toEqual([]);
    expect(server.requests).toEqual([]);
    await lm.dispose();
  });

  it('report a missing directory, a file, or a missing dtype clearly', async () => {
    const nowhere = await rejectionOf(EccoModel.fromPretrained('./no/such/model'));
    expect(nowhere.code).toBe('MODEL_NOT_FOUND');
    expect(nowhere.message).toContain('No model directory at');
    const file = await rejectionOf(EccoModel.fromPretrained(join(llamaDir, 'config.json')));
    expect(file.code).toBe('MODEL_NOT_FOUND');
    const noConfig = await rejectionOf(EccoModel.fromPretrained(join(llamaDir, 'onnx')));
    expect(noConfig.code).toBe('MODEL_NOT_FOUND');
    expect(noConfig.message).toContain('no config.json');
    const fp16 = await rejectionOf(EccoModel.fromPretrained(llamaDir, { dtype: 'fp16' }));
    expect(fp16.code).toBe('MODEL_FILE_MISSING');
    expect(fp16.message).toContain('onnx/model.onnx, onnx/model_quantized.onnx');
    const bad = await rejectionOf(EccoModel.fromPretrained(llamaDir, { dtype: 'fp8' as never }));
    expect(bad.code).toBe('UNSUPPORTED_DTYPE');
  });
});
