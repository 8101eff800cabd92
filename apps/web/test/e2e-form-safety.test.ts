import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordedPage } from '@explainable-ecco/test-kit';
import { describe, expect, inject, it } from 'vitest';
import { useAppPage } from './helpers/app-session.js';

const KEY = 'sk-test-FORMLEAK-0123456789abcdef';

const session = useAppPage({ open: false });

describe('the settings form before the app runs', () => {
  it('the built page names no field but the radio groups, and cannot submit anywhere', () => {
    const html = readFileSync(join(inject('distDir'), 'index.html'), 'utf8');
    const named = [...html.matchAll(/<(input|select|textarea)\b[^>]*>/g)]
      .map((m) => m[0])
      .filter((tag) => /\sname=/.test(tag) && !/type="radio"/.test(tag));
    expect(named).toEqual([]);
    expect(html).toMatch(/<input id="api-key"(?![^>]*\sname=)[^>]*>/);
    expect(html).toMatch(/<form id="run-form"[^>]*method="dialog"/);
    expect(html).toMatch(/<div id="llm-fields" hidden>/);
    expect(html).toMatch(/<button id="run"[^>]*disabled/);
  });

  it('keeps a typed key out of the URL and off the server when the scripts never run', async () => {
    const { page, context } = await recordedPage(session.browser);
    try {
      // As if main.ts failed to load: no script runs.
      await page.route(/\.(m?js|ts)(\?|$)/, (route) => route.abort());
      await page.goto(`${session.server.url}/`);
      expect(await page.isDisabled('#run')).toBe(true);
      expect(await page.isDisabled('#api-key')).toBe(true);
      expect(await page.isDisabled('#text')).toBe(true);
      expect(await page.isHidden('#llm-fields')).toBe(true);
      // The worst case: the fields enabled anyway, a key typed and the form submitted.
      const before = session.server.requests.length;
      await page.evaluate((key) => {
        for (const f of document.querySelectorAll('fieldset')) f.disabled = false;
        (document.getElementById('api-key') as HTMLInputElement).value = key;
        (document.getElementById('text') as HTMLTextAreaElement).value = 'private text';
        (document.getElementById('run-form') as HTMLFormElement).requestSubmit();
      }, KEY);
      await page.waitForTimeout(500);
      expect(page.url()).toBe(`${session.server.url}/`);
      const later = session.server.requests.slice(before).map((r) => JSON.stringify(r));
      expect(later.filter((r) => r.includes(KEY) || r.includes('private'))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('is enabled once the app has started', async () => {
    const app = await session.openApp();
    try {
      expect(await app.page.isEnabled('#run')).toBe(true);
      expect(await app.page.isEnabled('#text')).toBe(true);
      expect(await app.page.isHidden('#llm-fields')).toBe(true);
      await app.page.check('input[name="explainer"][value="openai"]');
      expect(await app.page.isVisible('#llm-fields')).toBe(true);
      expect(await app.page.isEnabled('#api-key')).toBe(true);
    } finally {
      await app.context.close();
    }
  });
});
