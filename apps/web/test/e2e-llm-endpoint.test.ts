import {
  explanationReply,
  type FakeChatCompletions,
  startFakeChatCompletions,
} from '@explainable-ecco/test-kit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadText, factorRows, foreignRequests, runAndWait } from './helpers/app-page.js';
import { useAppPage } from './helpers/app-session.js';

const KEY = 'sk-test-0123456789abcdefXYZ';
const WRONG_KEY = 'sk-wrong-9876543210zyxwvuQ';

const session = useAppPage();
let llm: FakeChatCompletions;
/** The explanations the server sent, in order. */
const answers: string[] = [];

async function useServer(page: Page, baseUrl: string, key: string, model = 'fake-model') {
  await page.check('input[name="explainer"][value="compatible"]');
  await page.fill('#base-url', baseUrl);
  await page.dispatchEvent('#base-url', 'change');
  await page.fill('#llm-model', model);
  await page.fill('#api-key', key);
}

beforeAll(async () => {
  llm = await startFakeChatCompletions(
    () => {
      const explanation = `Fake explanation ${answers.length + 1}: fires on the numbers.`;
      answers.push(explanation);
      return explanationReply(explanation);
    },
    { acceptKey: KEY, cors: true },
  );
});

afterAll(async () => {
  await llm?.close();
});

describe('explanations from an OpenAI-compatible server', () => {
  it('shows the server’s explanations, sending the key only there', async () => {
    const { page } = session.app;
    await useServer(page, llm.baseURL, KEY);
    expect(await page.textContent('#api-key-help')).toContain(`sent only to ${llm.baseURL}`);
    expect(await runAndWait(page)).toBe('complete');

    const rows = await factorRows(page);
    expect(rows).toHaveLength(2);
    const shown = rows.map((r) => r.explanation.replace(/\s*— openai · fake-model$/, '')).sort();
    expect(shown).toEqual([...answers].sort());

    const posts = llm.allRequests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(2);
    for (const post of posts) {
      expect(post.path).toBe('/v1/chat/completions');
      expect(post.headers.authorization).toBe(`Bearer ${KEY}`);
      expect(JSON.parse(post.rawBody).model).toBe('fake-model');
    }
    // The app's own server never saw the key, in a URL or a header.
    expect(JSON.stringify(session.server.requests)).not.toContain(KEY);
    expect(foreignRequests(session.app.requests, session.server.url, [`${llm.url}/`])).toEqual([]);
    expect(session.app.errors).toEqual([]);
  });

  it('keeps the key in this tab’s sessionStorage only, and out of downloads', async () => {
    const { page } = session.app;
    const storage = await page.evaluate(() => ({
      session: JSON.stringify(Object.entries(sessionStorage)),
      local: JSON.stringify(Object.entries(localStorage)),
      cookie: document.cookie,
    }));
    expect(storage.session).toContain(KEY);
    expect(storage.session).toContain(`explainable-ecco:api-key:${llm.baseURL}`);
    expect(storage.local).not.toContain(KEY);
    expect(storage.cookie).toBe('');

    const json = await downloadText(page, 'download-json');
    expect(json.text).not.toContain(KEY);
    const result = JSON.parse(json.text);
    expect(result.explanations[0]).toMatchObject({ provider: 'openai', model: 'fake-model' });
    const report = await downloadText(page, 'download-report');
    expect(report.text).not.toContain(KEY);
  });

  it('offers the kept key again for the same server, and never to another', async () => {
    const { page, context } = session.app;
    await page.reload();
    await page.check('input[name="explainer"][value="compatible"]');
    await page.fill('#base-url', llm.baseURL);
    await page.dispatchEvent('#base-url', 'change');
    expect(await page.inputValue('#api-key')).toBe(KEY);
    await page.check('input[name="explainer"][value="openai"]');
    expect(await page.inputValue('#api-key')).toBe('');
    expect(await page.textContent('#api-key-help')).toContain(
      'sent only to https://api.openai.com/v1',
    );
    // Another tab has its own sessionStorage.
    const other = await context.newPage();
    await other.goto(`${session.server.url}/`);
    await other.check('input[name="explainer"][value="compatible"]');
    await other.fill('#base-url', llm.baseURL);
    await other.dispatchEvent('#base-url', 'change');
    expect(await other.inputValue('#api-key')).toBe('');
    await other.close();
  });

  it('answers a repeated question from the IndexedDB cache, without a request', async () => {
    const { page } = session.app;
    await useServer(page, llm.baseURL, KEY);
    const before = llm.allRequests.filter((r) => r.method === 'POST').length;
    expect(await runAndWait(page)).toBe('complete');
    expect(llm.allRequests.filter((r) => r.method === 'POST').length).toBe(before);
    const { text } = await downloadText(page, 'download-json');
    expect(JSON.parse(text).explanations.map((e: { cached?: boolean }) => e.cached)).toEqual([
      true,
      true,
    ]);
  });

  it('shows a refused key as a failed explanation without the key in it', async () => {
    const { page } = session.app;
    // Another model: the cache (keyed by server, model and prompt, never the key) cannot answer.
    await useServer(page, llm.baseURL, WRONG_KEY, 'other-model');
    expect(await runAndWait(page)).toBe('complete');
    const rows = await factorRows(page);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.explanation).toMatch(/Explanation failed \(PROVIDER_[A-Z_]+\)/);
      expect(row.explanation).not.toContain(WRONG_KEY);
    }
    expect(await page.content()).not.toContain(WRONG_KEY);
  });

  it('refuses to run OpenAI without a key, before loading anything', async () => {
    const { page } = session.app;
    await page.check('input[name="explainer"][value="openai"]');
    await page.fill('#api-key', '');
    const before = llm.allRequests.length;
    await page.click('#run');
    await page.waitForSelector('#error:not([hidden])');
    expect(await page.getAttribute('#error', 'data-code')).toBe('MISSING_API_KEY');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('api-key');
    expect(llm.allRequests.length).toBe(before);
  });
});
