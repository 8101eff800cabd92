import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExampleLibrary, ExampleRetriever, type SearchMode } from '../src/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
let context: BrowserContext;
let bundle: string;
let bundleInputs: string[];

beforeAll(async () => {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium not found at ${chromiumPath}. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  const result = await build({
    entryPoints: [join(here, 'browser/page.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    // Optional peer, loaded only by createTransformersEmbedder.
    external: ['@huggingface/transformers'],
    logLevel: 'silent',
  });
  bundle = result.outputFiles[0]!.text;
  bundleInputs = Object.keys(result.metafile.inputs);
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
}, 120_000);

afterAll(async () => {
  await context?.close();
});

describe('in Chromium', () => {
  it('bundles without Node modules', () => {
    expect(bundleInputs.filter((i) => i.startsWith('node:') || /src\/node\.ts$/.test(i))).toEqual(
      [],
    );
  });

  it('builds, searches (WebAssembly SIMD kernel), saves and loads exactly as in Node', {
    timeout: 120_000,
  }, async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.setContent('<!doctype html><title>loading</title>');
    await page.addScriptTag({ content: bundle, type: 'module' });
    await page.waitForFunction(() => document.title !== 'loading', null, { timeout: 100_000 });
    const result = (await page.evaluate(() => window.retrievalResult)) as {
      error?: string;
      size: number;
      kernel: string;
      results: Record<string, Array<[string, number]>>;
      reloaded: string[];
    };
    expect(result.error).toBeUndefined();
    expect(result.kernel).toBe('wasm');
    expect(requests).toEqual([]);

    const library = ExampleLibrary.builtin();
    expect(result.size).toBe(library.size);
    const retriever = await ExampleRetriever.create({ library });
    const query = library.get('code-python-closing-bracket')!.record;
    for (const mode of ['exact', 'lexical', 'hybrid', 'hnsw'] as SearchMode[]) {
      const node = (await retriever.search(query, { k: 5, mode })).map((h) => [
        h.example.id,
        h.score,
      ]);
      expect(
        result.results[mode]!.map(([id]) => id),
        mode,
      ).toEqual(node.map(([id]) => id));
      for (const [i, [, score]] of result.results[mode]!.entries()) {
        expect(score).toBeCloseTo(node[i]![1] as number, 6);
      }
    }
    expect(result.reloaded).toEqual(result.results.hnsw!.map(([id]) => id));
  });
});
