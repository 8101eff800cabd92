import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNmf } from '../src/index.js';
import { captureForTest } from './browser/capture.js';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const here = fileURLToPath(new URL('.', import.meta.url));
let dir = '';
let server: Server;
let browser: BrowserContext;
let url = '';

beforeAll(async () => {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium not found at ${chromiumPath}: install it (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  dir = mkdtempSync(join(tmpdir(), 'nmf-browser-'));
  await build({
    entryPoints: { page: join(here, 'browser/page.ts'), worker: join(here, '../src/worker.ts') },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    outdir: dir,
    logLevel: 'silent',
  });
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><script type="module" src="./page.js"></script>',
  );
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };
  server = createServer((req, res) => {
    const file = join(dir, (req.url ?? '/') === '/' ? 'index.html' : (req.url ?? '').slice(1));
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  // A fresh profile per run (playwright passes it as --user-data-dir).
  browser = await chromium.launchPersistentContext(join(dir, 'profile'), {
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
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('in Chromium, through the Web Worker entry', () => {
  it('factorizes off the page thread, with the same result as Node', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction(() => typeof window.runInWorker === 'function');
    const shape = { positions: 160, neurons: 1500 };
    const result = (await page.evaluate((s) => window.runInWorker(s), shape)) as {
      ok: boolean;
      ms: number;
      ticks: number;
      maxGap: number;
      progress: number;
      factors: number[][];
      engine: string;
      nIter: number;
    };
    expect(result.ok).toBe(true);
    expect(result.engine).toBe('wasm-sparse');
    const local = await runNmf(captureForTest(shape.positions, shape.neurons), { nComponents: 6 });
    expect(result.nIter).toBe(local.source?.nIter);
    // Same WebAssembly kernels, same arithmetic: the same numbers.
    expect(result.factors).toEqual(local.factors);
    expect(result.progress).toBeGreaterThan(0);
    // The page's 10 ms timer kept firing while the worker computed.
    expect(result.ticks).toBeGreaterThan(result.ms / 10 / 4);
    expect(result.maxGap).toBeLessThan(250);
    await page.close();
  });

  it('cancels the worker solve from the page', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction(() => typeof window.runInWorker === 'function');
    const result = (await page.evaluate(() =>
      window.runInWorker({ positions: 400, neurons: 6000, abortAfterMs: 50 }),
    )) as { ok: boolean; code: string; ms: number };
    expect(result.ok).toBe(false);
    expect(result.code).toBe('ABORTED');
    expect(result.ms).toBeLessThan(5000);
    await page.close();
  });
});
