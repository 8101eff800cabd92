import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForBrowser, launchChromium, recordedPage } from '@explainable-ecco/test-kit';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExampleLibrary, ExampleRetriever, type SearchMode } from '../src/index.js';

const here = dirname(fileURLToPath(import.meta.url));
let browser: Browser;
let bundle: string;
let bundleInputs: string[];

beforeAll(async () => {
  ({ code: bundle, inputs: bundleInputs } = await bundleForBrowser(join(here, 'browser/page.ts'), {
    // Optional peer, loaded only by createTransformersEmbedder.
    external: ['@huggingface/transformers'],
  }));
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
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
    const { page, requests, errors } = await recordedPage(browser);
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
    expect(errors).toEqual([]);

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
