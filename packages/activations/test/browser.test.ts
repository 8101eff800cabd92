import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoModelPath } from '@explainable-ecco/demo-model';
import { build } from 'esbuild';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EccoModel } from '../src/node.js';
import { maxAbsDiff, readManifest, repoRoot } from './helpers/reference.js';
import { startStaticServer } from './helpers/static-server.js';

const here = dirname(fileURLToPath(import.meta.url));
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ortDist = dirname(createRequire(import.meta.url).resolve('onnxruntime-web'));
const models: Record<string, string> = {
  'demo-gpt2': demoModelPath,
  'tiny-llama': resolve(repoRoot, 'fixtures/models/tiny-llama'),
  'tiny-bert': resolve(repoRoot, 'fixtures/models/tiny-bert'),
};

let server: Awaited<ReturnType<typeof startStaticServer>>;
let context: BrowserContext;
let page: Page;
const foreignRequests: string[] = [];
const pageErrors: string[] = [];
let bundleInputs: string[] = [];

beforeAll(async () => {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium not found at ${chromiumPath}. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  const out = mkdtempSync(join(tmpdir(), 'ecco-browser-'));
  const result = await build({
    entryPoints: [join(here, 'browser/page.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['browser'],
    outfile: join(out, 'page.js'),
    metafile: true,
    logLevel: 'silent',
  });
  bundleInputs = Object.keys(result.metafile.inputs);
  writeFileSync(
    join(out, 'index.html'),
    '<!doctype html><title>loading</title><script type="module" src="/page.js"></script>',
  );
  const routes: Record<string, string> = { '/': out, '/ort/': ortDist };
  for (const [name, dir] of Object.entries(models)) routes[`/models/${name}/`] = dir;
  // The Hub's URL layout, for the Cache API test.
  routes['/hub/test-org/tiny-llama/resolve/main/'] = models['tiny-llama']!;
  server = await startStaticServer(routes);
  // A fresh profile per run (playwright passes it as --user-data-dir).
  context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'ecco-chromium-')), {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('request', (r) => {
    if (!r.url().startsWith(server.url)) foreignRequests.push(r.url());
  });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(`${server.url}/`);
  await page
    .waitForFunction(() => document.title === 'ready', null, { timeout: 60_000 })
    .catch((e) => {
      throw new Error(`The test page did not start: ${pageErrors.join('; ') || String(e)}`);
    });
});

afterAll(async () => {
  await context?.close();
  await server?.close();
});

interface BrowserCapture {
  ids: number[];
  kinds: string[];
  layers: number[];
  neurons: number;
  positions: number;
  data: number[];
  logits?: number[];
}

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
    const texts = readManifest(name).texts.map((t) => t.text);
    const fromBrowser = (await page.evaluate(
      ([url, t]) =>
        (
          globalThis as never as { ecco: { capture(u: string, t: string[]): Promise<unknown> } }
        ).ecco.capture(url, t),
      [`/models/${name}`, texts] as const,
    )) as BrowserCapture[];
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
    expect(pageErrors).toEqual([]);
  });

  it('generates the same tokens as Node for a fixed seed', async () => {
    const prompt = 'The river runs';
    const fromBrowser = (await page.evaluate(
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
    const before = server.requests.filter((r) => r.startsWith('/hub/')).length;
    const loads = (await page.evaluate(
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
    const hubRequests = server.requests.filter((r) => r.startsWith('/hub/'));
    expect(hubRequests.length - before).toBe(4); // config, tokenizer, tokenizer_config, model: once each
  });

  it('reports a missing model with a typed error', async () => {
    const code = await page.evaluate(
      (url) =>
        (globalThis as never as { ecco: { errorCode(u: string): Promise<string> } }).ecco.errorCode(
          url,
        ),
      '/models/does-not-exist',
    );
    expect(code).toBe('MODEL_NOT_FOUND');
  });

  it('fetched nothing from outside the loopback server (wasm served locally)', () => {
    expect(foreignRequests).toEqual([]);
    expect(server.requests.some((r) => r.startsWith('/ort/') && r.endsWith('.wasm'))).toBe(true);
  });
});
