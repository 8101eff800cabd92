import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type BrowserBundle,
  bundleForBrowser,
  type FakeChatCompletions,
  launchPersistentChromium,
  recordPage,
  startFakeChatCompletions,
} from '@explainable-ecco/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markerFactorization } from './helpers/factorizations.js';
import { markedFactor } from './helpers/fake-openai-server.js';

const here = dirname(fileURLToPath(import.meta.url));
const entry = resolve(here, '../src/browser.ts');

describe('browser entry', () => {
  let server: FakeChatCompletions;
  let code: string;
  let metafile: BrowserBundle['metafile'];
  beforeAll(async () => {
    // `node:` imports stay external so the test can see who makes them.
    ({ code, metafile } = await bundleForBrowser(entry, { external: ['node:*'] }));
    // The icon link keeps Chromium from asking for /favicon.ico (a 404 it logs as an error).
    const page = `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module">
      import * as explainer from '/explainer.js';
      window.explainer = explainer;
      window.ready = true;
    </script>`;
    server = await startFakeChatCompletions(
      (req) => ({
        kind: 'ok',
        content: JSON.stringify({ explanation: `w${markedFactor(req)} in the browser` }),
      }),
      {
        files: {
          '/': { type: 'text/html', body: page },
          '/explainer.js': { type: 'text/javascript', body: code },
        },
      },
    );
  }, 120_000);
  afterAll(() => server?.close());

  it('pulls no Node built-in in through our own code', () => {
    const ours = Object.entries(metafile.inputs).filter(
      ([path]) => path.startsWith('src/') || path.includes('/explainer/src/'),
    );
    expect(ours.length).toBeGreaterThan(20);
    for (const [path, input] of ours) {
      const nodeImports = input.imports.filter((i) => i.path.startsWith('node:'));
      expect(nodeImports, path).toEqual([]);
    }
    expect(Object.keys(metafile.inputs).some((p) => p.includes('disk-store'))).toBe(false);
  });

  it('explains in chromium and caches answers in IndexedDB across page loads', async () => {
    // A profile on disk: the second run is a fresh page load that only IndexedDB can answer.
    const chromium = await launchPersistentChromium();
    try {
      const { page, errors } = recordPage(chromium.page);
      const run = async () => {
        await page.goto(`${server.url}/`);
        await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
        return page.evaluate(
          async ({ f, baseURL }) => {
            const { explain } = (
              window as unknown as { explainer: typeof import('../src/browser.js') }
            ).explainer;
            const results = await explain(f, {
              provider: 'openai',
              baseURL,
              apiKey: 'browser-test-key',
              model: 'local-model',
              dangerouslyAllowBrowser: true,
              examples: false,
            });
            return results.map((r) => ({
              factor: r.factor,
              text: r.text,
              cached: r.cached,
              error: r.error,
            }));
          },
          { f: markerFactorization(3), baseURL: server.baseURL },
        );
      };
      const first = await run();
      expect(first).toEqual(
        [0, 1, 2].map((i) => ({ factor: i, text: `w${i} in the browser`, cached: false })),
      );
      expect(server.requests).toHaveLength(3);
      const second = await run(); // a fresh page load: only IndexedDB remembers
      expect(second.map((r) => r.cached)).toEqual([true, true, true]);
      expect(server.requests).toHaveLength(3);
      expect(errors).toEqual([]);
    } finally {
      await chromium.close();
    }
  }, 120_000);
});
