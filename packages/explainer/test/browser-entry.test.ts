import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markerFactorization } from './helpers/factorizations.js';
import { type FakeOpenAI, markedFactor, startFakeOpenAI } from './helpers/fake-openai-server.js';

const here = dirname(fileURLToPath(import.meta.url));
const entry = resolve(here, '../src/browser.ts');

function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}. Install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  return path;
}

/** Bundles the browser entry; `node:` imports stay external so the test can see who makes them. */
async function bundle() {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    external: ['node:*'],
    logLevel: 'silent',
  });
  return { code: result.outputFiles[0]!.text, metafile: result.metafile };
}

describe('browser entry', () => {
  let server: FakeOpenAI;
  let code: string;
  let metafile: Awaited<ReturnType<typeof bundle>>['metafile'];
  beforeAll(async () => {
    ({ code, metafile } = await bundle());
    const page = `<!doctype html><meta charset="utf-8"><script type="module">
      import * as explainer from '/explainer.js';
      window.explainer = explainer;
      window.ready = true;
    </script>`;
    server = await startFakeOpenAI(
      (req) => ({
        kind: 'ok',
        content: JSON.stringify({ explanation: `w${markedFactor(req)} in the browser` }),
      }),
      {
        '/': { type: 'text/html', body: page },
        '/explainer.js': { type: 'text/javascript', body: code },
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
    const profile = mkdtempSync(join(tmpdir(), 'ecco-explainer-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath(),
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
    try {
      const page = await context.newPage();
      const run = async () => {
        await page.goto(`${server.baseURL.replace(/\/v1$/, '')}/`);
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
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }, 120_000);
});
