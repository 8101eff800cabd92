import { type FakeChatCompletions, startFakeChatCompletions } from '@explainable-ecco/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAndWait, stages, waitForEnd } from './helpers/app-page.js';
import { useAppPage } from './helpers/app-session.js';

const SLOW_MODEL_MS = 4000;
let slowModel = true;
// The model file arrives late while `slowModel` is on: a download to cancel.
const session = useAppPage({
  delayMs: (path) => (slowModel && path.endsWith('/onnx/model.onnx') ? SLOW_MODEL_MS : 0),
});
let slowLlm: FakeChatCompletions;

beforeAll(async () => {
  slowLlm = await startFakeChatCompletions(
    () => ({ kind: 'ok', content: JSON.stringify({ explanation: 'Too late.' }), delayMs: 30_000 }),
    { cors: true },
  );
});

afterAll(async () => {
  await slowLlm?.close();
});

describe('cancel', () => {
  it('stops a run while the model downloads, and the next run starts afresh', async () => {
    const { page } = session.app;
    await page.click('#run');
    await page.waitForSelector('#stages li[data-stage="model"][data-state="running"]');
    expect(await page.isEnabled('#cancel')).toBe(true);
    expect(await page.isDisabled('#run')).toBe(true);
    expect(await page.isDisabled('#text')).toBe(true);
    const clicked = Date.now();
    await page.click('#cancel');
    expect(await waitForEnd(page)).toBe('cancelled');
    // The page returns at once; the worker, stuck in the download, is ended in the background.
    expect(Date.now() - clicked).toBeLessThan(SLOW_MODEL_MS);
    const s = await stages(page);
    expect(Object.values(s).map((x) => x.state)).toEqual([
      'cancelled',
      'skipped',
      'skipped',
      'skipped',
      'skipped',
    ]);
    expect(await page.isEnabled('#run')).toBe(true);
    expect(await page.isDisabled('#cancel')).toBe(true);
    expect(await page.isEnabled('#text')).toBe(true);
    expect(await page.isDisabled('#download-json')).toBe(true);

    slowModel = false;
    expect(await runAndWait(page)).toBe('complete');
    expect((await stages(page)).model?.detail).not.toMatch(/Already loaded/);
  });

  it('stops a run while it waits for explanations, keeping the loaded model', async () => {
    const { page } = session.app;
    await page.check('input[name="explainer"][value="compatible"]');
    await page.fill('#base-url', slowLlm.baseURL);
    await page.fill('#llm-model', 'slow-model');
    await page.click('#run');
    await page.waitForSelector('#stages li[data-stage="explanations"][data-state="running"]');
    // The factors are on screen while explanations are pending.
    expect(await page.getAttribute('#results', 'data-state')).toBe('factors');
    await page.click('#cancel');
    expect(await waitForEnd(page)).toBe('cancelled');
    const s = await stages(page);
    expect([s.factors?.state, s.explanations?.state, s.scores?.state]).toEqual([
      'done',
      'cancelled',
      'skipped',
    ]);
    // What arrived stays visible; downloads need a complete run.
    expect(await page.getAttribute('#results', 'data-state')).toBe('factors');
    expect(await page.isDisabled('#download-json')).toBe(true);

    // The worker stopped by itself (no termination): the model is still loaded.
    await page.check('input[name="explainer"][value="heuristic"]');
    expect(await runAndWait(page)).toBe('complete');
    expect((await stages(page)).model?.detail).toMatch(/^Already loaded · /);
  });

  it('logged no errors', () => {
    expect(session.app.errors).toEqual([]);
  });
});
