import { launchChromium } from '@explainable-ecco/test-kit';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openApp, runAndWait, stages } from './helpers/app-page.js';
import { type StaticServer, serveDirectory } from './helpers/static-server.js';

const MODEL_FILE = '/models/demo-gpt2/onnx/model.onnx';
let server: StaticServer;
let browser: Browser;

const modelFetches = () => server.requests.filter((r) => r.path === MODEL_FILE).length;

beforeAll(async () => {
  server = await serveDirectory(inject('distDir'));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('loading the bundled model ahead of the first run', () => {
  it('starts when the user edits the text, and the run joins that load', async () => {
    const { page, context, errors } = await openApp(browser, server.url);
    const before = modelFetches();
    await page.focus('#text');
    await expect.poll(modelFetches, { timeout: 30_000 }).toBe(before + 1);
    expect(await runAndWait(page)).toBe('complete');
    expect((await stages(page)).model?.detail).toMatch(/^(Loaded in advance|Already loaded) · /);
    expect(modelFetches()).toBe(before + 1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('does not load anything for a Hub model the user has not run', async () => {
    const { page, context, requests } = await openApp(browser, server.url);
    await page.check('input[name="model-kind"][value="hub"]');
    await page.fill('#hub-id', 'some-org/some-model');
    const before = requests.length;
    await page.focus('#text');
    await page.hover('#run');
    // Give a preload, were there one, the time to send its first request.
    await page.waitForTimeout(1500);
    expect(requests.slice(before)).toEqual([]);
    await context.close();
  });
});
