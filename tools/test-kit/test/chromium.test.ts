import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumPath,
  launchChromium,
  launchPersistentChromium,
  recordedPage,
  recordPage,
  type StaticServer,
  serveStatic,
} from '../src/index.js';

let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  browser = await launchChromium();
  server = await serveStatic('/nonexistent-dir-for-404s');
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('chromiumPath', () => {
  it('says how to install chromium when $CHROMIUM_PATH names nothing', () => {
    const saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = '/nowhere/chromium';
    try {
      expect(() => chromiumPath()).toThrow(
        /Chromium not found at \/nowhere\/chromium\. Install it .*apt-get install chromium/,
      );
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
  });
});

describe('recordedPage', () => {
  it('records requests, failed requests, console and page errors, and dismisses dialogs', async () => {
    const rec = await recordedPage(browser, { colorScheme: 'dark' });
    await rec.page.goto(`${server.url}/missing.html`);
    await rec.page.setContent('<p>x</p>');
    const result = await rec.page.evaluate(async (url) => {
      console.error('logged error');
      const confirmed = confirm('sure?');
      setTimeout(() => {
        throw new Error('thrown later');
      });
      await fetch(`${url}/data.json`).catch(() => undefined);
      await fetch('http://127.0.0.1:9/refused').catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { confirmed, dark: matchMedia('(prefers-color-scheme: dark)').matches };
    }, server.url);
    expect(result).toEqual({ confirmed: false, dark: true });
    expect(rec.requests).toEqual([
      `${server.url}/missing.html`,
      `${server.url}/data.json`,
      'http://127.0.0.1:9/refused',
    ]);
    expect(rec.failedRequests).toEqual([
      expect.stringMatching(/^http:\/\/127\.0\.0\.1:9\/refused \(net::ERR_/),
    ]);
    expect(rec.dialogs).toEqual(['sure?']);
    expect(rec.pageErrors).toEqual([expect.stringContaining('thrown later')]);
    expect(rec.errors).toEqual(
      expect.arrayContaining(['logged error', expect.stringContaining('thrown later')]),
    );
    await rec.context.close();
  });

  it('records the requests of the page’s workers too', async () => {
    const rec = await recordedPage(browser);
    await rec.page.goto(`${server.url}/missing.html`);
    await rec.page.evaluate(async (url) => {
      const source = `fetch('${url}/from-worker.json').finally(() => postMessage('done'));`;
      const worker = new Worker(
        URL.createObjectURL(new Blob([source], { type: 'text/javascript' })),
      );
      await new Promise((resolve) => {
        worker.onmessage = resolve;
      });
    }, server.url);
    expect(rec.requests).toContain(`${server.url}/from-worker.json`);
    await rec.context.close();
  });
});

describe('launchPersistentChromium', () => {
  it('keeps storage across page loads on a fresh profile, and deletes the profile on close', async () => {
    const chromium = await launchPersistentChromium();
    const rec = recordPage(chromium.page);
    try {
      expect(existsSync(chromium.profileDir)).toBe(true);
      await rec.page.goto(`${server.url}/one.html`);
      await rec.page.evaluate(() => localStorage.setItem('kept', 'yes'));
      await rec.page.reload();
      expect(await rec.page.evaluate(() => localStorage.getItem('kept'))).toBe('yes');
      expect(rec.requests).toEqual([`${server.url}/one.html`, `${server.url}/one.html`]);
    } finally {
      await chromium.close();
    }
    expect(existsSync(chromium.profileDir)).toBe(false);
  });
});
