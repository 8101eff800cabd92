import { describe, expect, it } from 'vitest';
import { factorRows, runAndWait, stages } from './helpers/app-page.js';
import { useAppPage } from './helpers/app-session.js';

const session = useAppPage();

/** The error box: its code, title and whether it says what to do. */
async function shownError() {
  const { page } = session.app;
  await page.waitForSelector('#error:not([hidden])');
  return {
    code: await page.getAttribute('#error', 'data-code'),
    role: await page.getAttribute('#error', 'role'),
    title: await page.textContent('#error .error-title'),
    message: await page.textContent('#error .error-message'),
    hint: await page.textContent('#error .error-hint'),
    focused: await page.evaluate(() => document.activeElement?.id),
  };
}

describe('typed errors, shown with what to do', () => {
  it('an empty text is refused at the field, before any work', async () => {
    const { page } = session.app;
    await page.fill('#text', '   ');
    await page.click('#run');
    const e = await shownError();
    expect(e).toMatchObject({ code: 'EMPTY_TEXT', role: 'alert', focused: 'text' });
    expect(e.hint).toContain('What to do:');
    expect(await page.getAttribute('#text', 'aria-invalid')).toBe('true');
    expect(Object.values(await stages(page)).every((s) => s.state === 'waiting')).toBe(true);
    // Typing clears the mark; a valid run clears the message.
    await page.fill('#text', '1,2,3,4,5,6');
    expect(await page.getAttribute('#text', 'aria-invalid')).toBeNull();
  });

  it('a bad component count is refused at the field', async () => {
    const { page } = session.app;
    await page.fill('#components', '0');
    await page.click('#run');
    const e = await shownError();
    expect(e).toMatchObject({ code: 'INVALID_OPTION', focused: 'components' });
    expect(e.message).toContain('from 1 to 100');
    await page.fill('#components', '2');
  });

  it('an empty layer range fails in NMF with LAYER_RANGE_INVALID', async () => {
    const { page } = session.app;
    await page.selectOption('#layers', 'range');
    await page.fill('#from-layer', '3');
    await page.fill('#to-layer', '1');
    expect(await runAndWait(page)).toBe('failed');
    const e = await shownError();
    expect(e.code).toBe('LAYER_RANGE_INVALID');
    expect(e.title).toBe('Could not find factors');
  });

  it("layers the model lacks fail in NMF with the model's layers", async () => {
    const { page } = session.app;
    await page.selectOption('#layers', 'range');
    await page.fill('#from-layer', '5');
    await page.fill('#to-layer', '9');
    expect(await runAndWait(page)).toBe('failed');
    const e = await shownError();
    expect(e.code).toBe('LAYER_NOT_CAPTURED');
    expect(e.title).toBe('Could not find factors');
    expect(`${e.message} ${e.hint}`).toMatch(/0.*1.*2.*3/);
    expect(e.focused).toBe('error');
    const s = await stages(page);
    expect([s.model?.state, s.activations?.state, s.factors?.state, s.explanations?.state]).toEqual(
      ['done', 'done', 'failed', 'skipped'],
    );
    expect(await page.getAttribute('#results', 'data-state')).toBe('empty');
    expect(await page.isDisabled('#download-json')).toBe(true);
    await page.selectOption('#layers', 'all');
  });

  it('a run that fails before factors shows none of the previous run’s', async () => {
    const { page } = session.app;
    await page.fill('#text', '1,2,3,4,5,6');
    await page.fill('#components', '2');
    expect(await runAndWait(page)).toBe('complete');
    expect(await factorRows(page)).toHaveLength(2);
    // Fails in the model, before any factor: nothing of the complete run may stay.
    await page.fill('#text', Array.from({ length: 200 }, (_, i) => String(i + 1)).join(','));
    expect(await runAndWait(page)).toBe('failed');
    expect((await shownError()).code).toBe('TEXT_TOO_LONG');
    expect(await page.getAttribute('#results', 'data-state')).toBe('empty');
    expect(await page.textContent('#summary')).toMatch(/^No results/);
    expect(await factorRows(page)).toEqual([]);
    expect(
      await page.$eval('#explorer', (el) => {
        const e = el as HTMLElement & { data: unknown; explanations: unknown };
        return [e.data ?? null, e.explanations ?? null];
      }),
    ).toEqual([null, null]);
    expect(await page.isVisible('#explorer')).toBe(false);
    expect(await page.isDisabled('#download-json')).toBe(true);
  });

  it('a text longer than the context fails with TEXT_TOO_LONG, and runs when cut', async () => {
    const { page } = session.app;
    const long = Array.from({ length: 200 }, (_, i) => String(i + 1)).join(',');
    await page.fill('#text', long);
    expect(await runAndWait(page)).toBe('failed');
    const e = await shownError();
    expect(e.code).toBe('TEXT_TOO_LONG');
    expect(e.title).toBe('Could not run the model');
    await page.check('#truncate');
    const end = await runAndWait(page);
    expect(end, (await page.textContent('#error')) ?? '').toBe('complete');
    expect(await page.isHidden('#error')).toBe(true);
    expect(await page.textContent('#summary')).toMatch(/^2 factors of 256 tokens/);
    await page.uncheck('#truncate');
  });

  it('WebGPU asked for where there is none fails with UNSUPPORTED_DEVICE', async () => {
    const { page } = session.app;
    await page.fill('#text', 'hello');
    await page.selectOption('#device', 'webgpu');
    expect(await runAndWait(page)).toBe('failed');
    const e = await shownError();
    expect(e.code).toBe('UNSUPPORTED_DEVICE');
    expect(e.title).toBe('Could not load the model');
    expect(e.hint).toContain('WebAssembly');
    await page.selectOption('#device', 'auto');
  });

  it('a model URL with no model fails with MODEL_NOT_FOUND', async () => {
    const { page } = session.app;
    await page.fill('#text', 'hello');
    await page.check('input[name="model-kind"][value="hub"]');
    await page.fill('#hub-id', `${session.server.url}/models/nothing-here/`);
    expect(await runAndWait(page)).toBe('failed');
    const e = await shownError();
    expect(e.code).toBe('MODEL_NOT_FOUND');
    expect(e.title).toBe('Could not load the model');
    expect(e.hint?.length).toBeGreaterThan(15);
  });

  it('an empty Hub id is refused at the field', async () => {
    const { page } = session.app;
    await page.fill('#hub-id', '');
    await page.click('#run');
    expect(await shownError()).toMatchObject({ code: 'INVALID_OPTION', focused: 'hub-id' });
  });

  it('logged no page errors (the 404 of the missing model is the browser’s own log line)', () => {
    const unexpected = session.app.errors.filter((e) => !/Failed to load resource.*404/.test(e));
    expect(unexpected).toEqual([]);
  });
});
