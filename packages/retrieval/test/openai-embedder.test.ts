import { isEccoError } from '@explainable-ecco/core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createOfflineEmbedder,
  createOpenAIEmbedder,
  ExampleLibrary,
  ExampleRetriever,
} from '../src/index.js';
import { FakeOpenAIServer, serverVector } from './fake-openai-server.js';
import { expectRejectsWith } from './helpers.js';

const KEY = 'sk-test-0123456789abcdefghijklmnop';
const server = new FakeOpenAIServer();
const savedEnv = process.env.OPENAI_API_KEY;

beforeAll(async () => {
  await server.start();
});
afterAll(async () => {
  await server.stop();
});
afterEach(() => {
  server.requests.length = 0;
  server.failures.length = 0;
  server.alwaysFloat = false;
  server.forcedDimensions = undefined;
  if (savedEnv === undefined) delete process.env.OPENAI_API_KEY;
  else process.env.OPENAI_API_KEY = savedEnv;
});

const texts = ['alpha', 'beta gamma', 'delta', 'epsilon zeta eta', 'theta'];
/** host:port of the loopback server, which the embedder's id names. */
const host = () => new URL(server.baseURL).host;

describe('createOpenAIEmbedder against a loopback /v1/embeddings server', () => {
  it('batches, keeps order, and decodes base64 vectors', async () => {
    const embedder = createOpenAIEmbedder({
      apiKey: KEY,
      baseURL: server.baseURL,
      batchSize: 2,
      concurrency: 1,
    });
    expect(embedder.id).toBe(`openai:text-embedding-3-small@${host()}`);
    expect(embedder.dimensions).toBe(1536);
    const vectors = await embedder.embed(texts);
    expect(server.requests.map((r) => r.body.input)).toEqual([
      texts.slice(0, 2),
      texts.slice(2, 4),
      texts.slice(4),
    ]);
    expect(
      server.requests.every(
        (r) => r.body.encoding_format === 'base64' && r.body.model === 'text-embedding-3-small',
      ),
    ).toBe(true);
    expect(server.requests[0]!.authorization).toBe(`Bearer ${KEY}`);
    for (const [i, v] of vectors.entries()) {
      expect(Array.from(v)).toEqual(Array.from(serverVector(texts[i]!, 1536)));
    }
  });

  it('keeps order with several batches in flight', async () => {
    const embedder = createOpenAIEmbedder({
      apiKey: KEY,
      baseURL: server.baseURL,
      batchSize: 1,
      concurrency: 4,
    });
    const vectors = await embedder.embed(texts);
    expect(server.requests).toHaveLength(5);
    for (const [i, v] of vectors.entries()) expect(v[1535]).toBe(texts[i]!.length);
  });

  it('accepts number lists from servers that ignore encoding_format', async () => {
    server.alwaysFloat = true;
    const embedder = createOpenAIEmbedder({ apiKey: KEY, baseURL: server.baseURL });
    const [v] = await embedder.embed(['alpha']);
    expect(Array.from(v!)).toEqual(Array.from(serverVector('alpha', 1536)));
  });

  it('retries 429 and 5xx answers, honouring retry-after-ms', async () => {
    server.failures.push(
      { status: 429, message: 'Rate limit reached', headers: { 'retry-after-ms': '5' } },
      { status: 503, message: 'overloaded', headers: { 'retry-after-ms': '5' } },
      { status: 500, headers: { 'retry-after-ms': '5' } },
    );
    const embedder = createOpenAIEmbedder({ apiKey: KEY, baseURL: server.baseURL, maxRetries: 3 });
    const vectors = await embedder.embed(['alpha']);
    expect(server.requests).toHaveLength(4);
    expect(vectors[0]![1535]).toBe(5);
  });

  it('gives up after maxRetries with PROVIDER_RATE_LIMITED', async () => {
    for (let i = 0; i < 3; i++)
      server.failures.push({ status: 429, headers: { 'retry-after-ms': '1' } });
    const embedder = createOpenAIEmbedder({ apiKey: KEY, baseURL: server.baseURL, maxRetries: 2 });
    await expectRejectsWith(embedder.embed(['alpha']), 'PROVIDER_RATE_LIMITED', /429/);
    expect(server.requests).toHaveLength(3);
  });

  it('takes the key from OPENAI_API_KEY', async () => {
    process.env.OPENAI_API_KEY = KEY;
    const embedder = createOpenAIEmbedder({ baseURL: server.baseURL });
    await embedder.embed(['alpha']);
    expect(server.requests[0]!.authorization).toBe(`Bearer ${KEY}`);
  });

  it('never puts the key in an error, even when the server echoes it', async () => {
    server.failures.push({
      status: 401,
      message: `Incorrect API key provided: ${KEY}. Bearer ${KEY}`,
    });
    const embedder = createOpenAIEmbedder({ apiKey: KEY, baseURL: server.baseURL, maxRetries: 0 });
    const error = await expectRejectsWith(embedder.embed(['alpha']), 'MISSING_API_KEY', /401/);
    const everything = `${error.message} ${error.stack} ${JSON.stringify(error)} ${String((error as { cause?: unknown }).cause)}`;
    expect(everything).not.toContain(KEY);
    expect(everything).not.toContain(KEY.slice(3, 20));
    expect(error.message).toContain('[redacted]');
  });

  it('needs a key unless a compatible baseURL is given', () => {
    delete process.env.OPENAI_API_KEY;
    expect(() => createOpenAIEmbedder()).toThrow(/OPENAI_API_KEY/);
    const local = createOpenAIEmbedder({
      baseURL: server.baseURL,
      model: 'nomic-embed-text',
      dimensions: 768,
    });
    expect(local.id).toBe(`openai:nomic-embed-text@${host()}`);
    expect(local.dimensions).toBe(768);
  });

  it('asks text-embedding-3 models for shorter vectors and names them in its id', async () => {
    const embedder = createOpenAIEmbedder({
      apiKey: KEY,
      baseURL: server.baseURL,
      dimensions: 256,
    });
    expect(embedder.id).toBe(`openai:text-embedding-3-small:256@${host()}`);
    const [v] = await embedder.embed(['alpha']);
    expect(server.requests[0]!.body.dimensions).toBe(256);
    expect(v).toHaveLength(256);
    const ada = createOpenAIEmbedder({
      apiKey: KEY,
      baseURL: server.baseURL,
      model: 'text-embedding-ada-002',
    });
    expect([ada.id, ada.dimensions]).toEqual([`openai:text-embedding-ada-002@${host()}`, 1536]);
  });

  it('rejects unknown models without dimensions, and vectors of the wrong length', async () => {
    expect(() => createOpenAIEmbedder({ apiKey: KEY, model: 'mystery' })).toThrow(/dimensions/);
    server.forcedDimensions = 10;
    const embedder = createOpenAIEmbedder({ apiKey: KEY, baseURL: server.baseURL });
    await expectRejectsWith(embedder.embed(['alpha']), 'EMBEDDING_FAILED', /10-dimensional/);
  });

  it('reports an unreachable server as PROVIDER_UNREACHABLE', async () => {
    const closed = new FakeOpenAIServer();
    await closed.start();
    const baseURL = closed.baseURL;
    await closed.stop();
    const embedder = createOpenAIEmbedder({ apiKey: KEY, baseURL, maxRetries: 0 });
    await expectRejectsWith(embedder.embed(['alpha']), 'PROVIDER_UNREACHABLE');
  });

  it('stops with ABORTED when the signal fires', async () => {
    server.failures.push({ status: 503, headers: { 'retry-after-ms': '2000' } });
    const embedder = createOpenAIEmbedder({ apiKey: KEY, baseURL: server.baseURL, maxRetries: 1 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = performance.now();
    await expectRejectsWith(embedder.embed(['alpha'], { signal: controller.signal }), 'ABORTED');
    // Not after the 2 s the server asked the client to wait before retrying.
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('indexes the builtin library and refuses to mix with another embedder', async () => {
    const embedder = createOpenAIEmbedder({ apiKey: KEY, baseURL: server.baseURL, batchSize: 40 });
    const library = ExampleLibrary.builtin();
    const retriever = await ExampleRetriever.create({ library, embedder });
    expect(server.requests).toHaveLength(Math.ceil(library.size / 40));
    const hits = await retriever.search('closing brackets in python', { k: 3, mode: 'exact' });
    expect(hits).toHaveLength(3);
    await expectRejectsWith(
      ExampleRetriever.load(retriever.save(), { library, embedder: createOfflineEmbedder() }),
      'EMBEDDER_MISMATCH',
      /openai:text-embedding-3-small/,
    );
  });

  it('names a server other than api.openai.com in its id, so indexes from two servers do not mix', async () => {
    const withKey = { apiKey: KEY };
    expect(createOpenAIEmbedder(withKey).id).toBe('openai:text-embedding-3-small');
    expect(createOpenAIEmbedder({ ...withKey, baseURL: 'https://api.openai.com/v1' }).id).toBe(
      'openai:text-embedding-3-small',
    );
    const a = createOpenAIEmbedder({ ...withKey, baseURL: 'http://localhost:11434/v1' });
    const b = createOpenAIEmbedder({ ...withKey, baseURL: 'http://gpu-box:8000/v1' });
    expect(a.id).toBe('openai:text-embedding-3-small@localhost:11434');
    expect(b.id).toBe('openai:text-embedding-3-small@gpu-box:8000');
    const savedBase = process.env.OPENAI_BASE_URL;
    process.env.OPENAI_BASE_URL = 'http://localhost:11434/v1';
    try {
      // The SDK reads OPENAI_BASE_URL when no baseURL is given; so does the id.
      expect(createOpenAIEmbedder(withKey).id).toBe(a.id);
    } finally {
      if (savedBase === undefined) delete process.env.OPENAI_BASE_URL;
      else process.env.OPENAI_BASE_URL = savedBase;
    }
    const library = ExampleLibrary.builtin();
    const retriever = await ExampleRetriever.create({
      library,
      embedder: createOpenAIEmbedder({ ...withKey, baseURL: server.baseURL, batchSize: 100 }),
    });
    const other = createOpenAIEmbedder({
      ...withKey,
      baseURL: server.baseURL.replace('127.0.0.1', 'localhost'),
    });
    await expectRejectsWith(
      ExampleRetriever.load(retriever.save(), { library, embedder: other }),
      'EMBEDDER_MISMATCH',
    );
  });

  it('validates maxRetries, timeoutMs and baseURL', () => {
    for (const maxRetries of [-1, 1.5, Number.NaN, 1000]) {
      expect(() => createOpenAIEmbedder({ apiKey: KEY, maxRetries })).toThrow(
        expect.objectContaining({
          code: 'INVALID_ARGUMENT',
          message: expect.stringMatching(/maxRetries/),
        }),
      );
    }
    for (const timeoutMs of [
      0,
      -5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      '100' as unknown as number,
    ]) {
      expect(() => createOpenAIEmbedder({ apiKey: KEY, timeoutMs })).toThrow(
        expect.objectContaining({
          code: 'INVALID_ARGUMENT',
          message: expect.stringMatching(/timeoutMs/),
        }),
      );
    }
    for (const baseURL of ['not a url', 'ftp://host/v1']) {
      expect(() => createOpenAIEmbedder({ apiKey: KEY, baseURL })).toThrow(
        expect.objectContaining({
          code: 'INVALID_ARGUMENT',
          message: expect.stringMatching(/baseURL/),
        }),
      );
    }
    expect(createOpenAIEmbedder({ apiKey: KEY, maxRetries: 0, timeoutMs: 500 }).dimensions).toBe(
      1536,
    );
  });

  describe('in a browser-like environment', () => {
    afterEach(() => {
      vi.unstubAllGlobals();
    });

    it('turns the SDK refusal into INVALID_ARGUMENT that names dangerouslyAllowBrowser, without the key', () => {
      vi.stubGlobal('window', { document: {} });
      vi.stubGlobal('navigator', { userAgent: 'test' });
      let error: unknown;
      try {
        createOpenAIEmbedder({ apiKey: KEY });
      } catch (e) {
        error = e;
      }
      expect(isEccoError(error, 'INVALID_ARGUMENT'), String(error)).toBe(true);
      const message = (error as Error).message;
      expect(message).toMatch(/browser-like environment.*dangerouslyAllowBrowser: true/);
      expect(message).not.toContain(KEY);
      const allowed = createOpenAIEmbedder({ apiKey: KEY, dangerouslyAllowBrowser: true });
      expect(allowed.dimensions).toBe(1536);
    });
  });
});
