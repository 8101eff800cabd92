import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoModelPath } from '@explainable-ecco/demo-model';
import {
  bundleForBrowser,
  launchPersistentChromium,
  maxAbsDiff,
  type PersistentChromium,
  type RecordedPage,
  readReferenceManifest,
  recordPage,
  repoRoot,
  type StaticServer,
  serveStatic,
} from '@explainable-ecco/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EccoModel } from '../src/node.js';
import type { Capture } from './browser/page.js';

const here = dirname(fileURLToPath(import.meta.url));
const ortDist = dirname(createRequire(import.meta.url).resolve('onnxruntime-web'));
const models: Record<string, string> = {
  'demo-gpt2': demoModelPath,
  'tiny-llama': resolve(repoRoot, 'fixtures/models/tiny-llama'),
  // position_ids + empty past_key_values.* feeds (zero-size tensors) through onnxruntime-web
  'tiny-llama-past': resolve(repoRoot, 'fixtures/models/tiny-llama-past'),
  'tiny-bert': resolve(repoRoot, 'fixtures/models/tiny-bert'),
};

let server: StaticServer;
// A profile on disk: the Cache API test loads the same Hub id twice.
let chromium: PersistentChromium;
// The tests check its uncaught errors (`pageErrors`), not console errors: Chromium logs every
// 404 as one, and the page asks for missing files on purpose (a missing model, optional files).
let rec: RecordedPage;
let bundleInputs: string[] = [];

beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), 'ecco-browser-'));
  ({ inputs: bundleInputs } = await bundleForBrowser(join(here, 'browser/page.ts'), {
    outfile: join(out, 'page.js'),
    conditions: ['browser'],
  }));
  writeFileSync(
    join(out, 'index.html'),
    '<!doctype html><title>loading</title><script type="module" src="/page.js"></script>',
  );
  const routes: Record<string, string> = { '/': out, '/ort/': ortDist };
  for (const [name, dir] of Object.entries(models)) routes[`/models/${name}/`] = dir;
  // The Hub's URL layout, for the Cache API test.
  routes['/hub/test-org/tiny-llama/resolve/main/'] = models['tiny-llama']!;
  server = await serveStatic(routes);
  chromium = await launchPersistentChromium();
  rec = recordPage(chromium.page);
  await rec.page.goto(`${server.url}/`);
  await rec.page
    .waitForFunction(() => document.title === 'ready', null, { timeout: 60_000 })
    .catch((e) => {
      throw new Error(`The test page did not start: ${rec.pageErrors.join('; ') || String(e)}`);
    });
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

const foreignRequests = () => rec.requests.filter((url) => !url.startsWith(`${server.url}/`));
const hubRequests = () => server.requests.filter((r) => r.path.startsWith('/hub/'));

describe('browser (headless Chromium, onnxruntime-web wasm)', () => {
  it('bundles without Node built-ins or the Node entry', () => {
    expect(
      bundleInputs.filter((i) => i.startsWith('node:') || /\/(fs|path|os|crypto)$/.test(i)),
    ).toEqual([]);
    expect(
      bundleInputs.filter((i) => i.includes('src/files/node/') || i.includes('node-runtime')),
    ).toEqual([]);
    expect(bundleInputs.some((i) => i.includes('onnxruntime-node'))).toBe(false);
    expect(bundleInputs.some((i) => i.includes('src/runtime/web-runtime.ts'))).toBe(true);
  });

  it.each(Object.keys(models))('captures the same activations as Node for %s', async (name) => {
    const texts = readReferenceManifest(name).texts.map((t) => t.text);
    const fromBrowser = (await rec.page.evaluate(
      ([url, t]) =>
        (
          globalThis as never as { ecco: { capture(u: string, t: string[]): Promise<unknown> } }
        ).ecco.capture(url, t),
      [`/models/${name}`, texts] as const,
    )) as Capture[];
    const lm = await EccoModel.fromPretrained(models[name]!);
    const fromNode = await lm.run(texts, { logits: lm.hasLogits });
    await lm.dispose();
    expect(fromBrowser).toHaveLength(texts.length);
    for (const [i, b] of fromBrowser.entries()) {
      const n = fromNode[i]!;
      expect(b.ids).toEqual(n.tokens.map((t) => t.id));
      expect(b.kinds).toEqual(n.tokens.map((t) => t.kind));
      expect([b.layers, b.neurons, b.positions]).toEqual([
        n.activations.layers,
        n.activations.neurons,
        n.activations.positions,
      ]);
      expect(maxAbsDiff(Float32Array.from(b.data), n.activations.data)).toBeLessThanOrEqual(1e-4);
      if (n.logits)
        expect(maxAbsDiff(Float32Array.from(b.logits!), n.logits.data)).toBeLessThanOrEqual(1e-4);
    }
    expect(rec.pageErrors).toEqual([]);
  });

  it('generates the same tokens as Node for a fixed seed', async () => {
    const prompt = 'The river runs';
    const fromBrowser = (await rec.page.evaluate(
      ([url, p]) =>
        (
          globalThis as never as {
            ecco: { generate(u: string, p: string, n: number, s: number): Promise<unknown> };
          }
        ).ecco.generate(url, p, 8, 3),
      ['/models/tiny-llama', prompt] as const,
    )) as { ids: number[]; text: string; positions: number };
    const lm = await EccoModel.fromPretrained(models['tiny-llama']!);
    const fromNode = await lm.generate(prompt, {
      maxNewTokens: 8,
      temperature: 0.9,
      topK: 20,
      seed: 3,
      stopAtEos: false,
    });
    await lm.dispose();
    expect(fromBrowser.ids).toEqual(fromNode.tokens.map((t) => t.id));
    expect(fromBrowser.text).toBe(fromNode.outputText);
    expect(fromBrowser.positions).toBe(fromNode.tokens.length);
  });

  it('downloads a Hub id once and then serves it from the Cache API', async () => {
    const before = hubRequests().length;
    const loads = (await rec.page.evaluate(
      ([host, id]) =>
        (
          globalThis as never as { ecco: { hubTwice(h: string, i: string): Promise<unknown> } }
        ).ecco.hubTwice(host, id),
      [`${server.url}/hub/`, 'test-org/tiny-llama'] as const,
    )) as string[][];
    expect(loads[0]).toEqual(
      expect.arrayContaining(['download:config.json', 'download:onnx/model.onnx']),
    );
    expect(loads[1]).toEqual(
      expect.arrayContaining(['cached:config.json', 'cached:onnx/model.onnx']),
    );
    expect(loads[1]!.filter((s) => s.startsWith('download:'))).toEqual([]);
    expect(hubRequests().length - before).toBe(4); // config, tokenizer, tokenizer_config, model: once each
  });

  it('reports a missing model with a typed error', async () => {
    const code = await rec.page.evaluate(
      (url) =>
        (globalThis as never as { ecco: { errorCode(u: string): Promise<string> } }).ecco.errorCode(
          url,
        ),
      '/models/does-not-exist',
    );
    expect(code).toBe('MODEL_NOT_FOUND');
  });

  it('looks for Hub ids under env.localModelPath first, then falls back to the Hub', async () => {
    const localFirst = (id: string) =>
      rec.page.evaluate(
        ([host, i]) =>
          (
            globalThis as never as {
              ecco: { localFirst(p: string, h: string, i: string): Promise<unknown> };
            }
          ).ecco.localFirst('/models/', host, i),
        [`${server.url}/hub/`, id] as const,
      ) as Promise<{ source: string; seen: string[] }>;
    const before = hubRequests().length;
    const configRequests = () =>
      server.requests.filter((r) => r.path === '/models/tiny-bert/config.json').length;
    const configsBefore = configRequests();
    const local = await localFirst('tiny-bert');
    expect(local.source).toBe(`${server.url}/models/tiny-bert`);
    // The probe's config.json is the one the model loads: fetched once.
    expect(configRequests() - configsBefore).toBe(1);
    expect(local.seen).toEqual(expect.arrayContaining(['download:onnx/model.onnx']));
    expect(hubRequests().length).toBe(before);
    // Not under /models/: the Hub (here already in the Cache API from the test above).
    const hub = await localFirst('test-org/tiny-llama');
    expect(hub.source).toBe('test-org/tiny-llama');
    expect(server.requests.some((r) => r.path === '/models/test-org/tiny-llama/config.json')).toBe(
      true,
    );
    expect(rec.pageErrors).toEqual([]);
  });

  it('fetched nothing from outside the loopback server (wasm served locally)', () => {
    expect(foreignRequests()).toEqual([]);
    expect(
      server.requests.some((r) => r.path.startsWith('/ort/') && r.path.endsWith('.wasm')),
    ).toBe(true);
    expect(rec.pageErrors).toEqual([]);
  });
});
