import { describe, expect, it } from 'vitest';
import { runAndWait, stages } from './helpers/app-page.js';
import { useAppPage } from './helpers/app-session.js';

const MODEL_FILE = '/models/demo-gpt2/onnx/model.onnx';
const session = useAppPage({ open: false });

const modelFetches = () => session.server.requests.filter((r) => r.path === MODEL_FILE).length;

describe('loading the bundled model ahead of the first run', () => {
  it('starts when the user edits the text, and the run joins that load', async () => {
    const { page, context, errors } = await session.openApp();
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
    const { page, context, requests } = await session.openApp();
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
