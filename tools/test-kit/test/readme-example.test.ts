import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, recordedPage, serveStatic } from '@explainable-ecco/test-kit';
import { expect, it } from 'vitest';

it('renders offline', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'page-'));
  // An icon link keeps Chromium from asking for /favicon.ico (a 404 it logs as an error).
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><title>ok</title><link rel="icon" href="data:,">',
  );
  const server = await serveStatic(dir);
  const browser = await launchChromium();
  try {
    const rec = await recordedPage(browser);
    await rec.page.goto(`${server.url}/`);
    expect(await rec.page.title()).toBe('ok');
    expect(rec.requests).toEqual([`${server.url}/`]);
    expect(rec.errors).toEqual([]);
  } finally {
    await browser.close();
    await server.close();
  }
});
