import { type RecordedPage, recordedPage } from '@explainable-ecco/test-kit';
import type { Browser, Page } from 'playwright-core';

/** The app in a page that records its requests (workers' too), errors and dialogs. */
export type AppPage = RecordedPage;

/** A fresh context (no cache, no storage) on the app, once its stages are drawn. */
export async function openApp(
  browser: Browser,
  url: string,
  options: { colorScheme?: 'light' | 'dark' } = {},
): Promise<AppPage> {
  const app = await recordedPage(browser, {
    viewport: { width: 1280, height: 1000 },
    colorScheme: options.colorScheme ?? 'light',
    acceptDownloads: true,
  });
  await app.page.goto(`${url}/`);
  await app.page.waitForSelector('#stages li');
  return app;
}

export type RunEnd = 'complete' | 'failed' | 'cancelled';

/** Clicks Run and waits until the results are complete, or the run failed or was cancelled. */
export async function runAndWait(page: Page, timeout = 120_000): Promise<RunEnd> {
  await page.click('#run');
  return waitForEnd(page, timeout);
}

/** Waits until the run in progress ends. */
export async function waitForEnd(page: Page, timeout = 120_000): Promise<RunEnd> {
  await page.waitForFunction(
    () => {
      const status = document.getElementById('status')?.textContent ?? '';
      return (
        ['Done.', 'Cancelled.', 'The run failed.'].includes(status) ||
        !document.getElementById('error')?.hidden
      );
    },
    null,
    { timeout },
  );
  const status = await page.textContent('#status');
  if (status === 'Done.') return 'complete';
  if (status === 'Cancelled.') return 'cancelled';
  return 'failed';
}

export interface FactorRow {
  explanation: string;
  score: string | null;
}

/** The factor rows an `<ecco-factors>` shows (playwright selectors pierce its shadow root). */
export async function factorRows(page: Page, host = '#explorer'): Promise<FactorRow[]> {
  const rows = page.locator(`${host} [part~="factor-row"]`);
  const out: FactorRow[] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    const score = row.locator('[part~="score"]');
    out.push({
      explanation: ((await row.locator('[part~="explanation"]').textContent()) ?? '').trim(),
      score: (await score.count()) ? ((await score.textContent()) ?? '').trim() : null,
    });
  }
  return out;
}

/** Each stage's state ('done', 'failed', …) and the detail line. */
export async function stages(
  page: Page,
): Promise<Record<string, { state: string; detail: string }>> {
  return page.$$eval('#stages li', (items) =>
    Object.fromEntries(
      items.map((li) => [
        (li as HTMLElement).dataset.stage,
        {
          state: (li as HTMLElement).dataset.state ?? '',
          detail: li.querySelector('.stage-detail')?.textContent ?? '',
        },
      ]),
    ),
  );
}

/** Clicks a download button and returns the saved file's text and suggested name. */
export async function downloadText(
  page: Page,
  buttonId: string,
): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#${buttonId}`)]);
  const path = await download.path();
  const { readFileSync } = await import('node:fs');
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

/** Requests that left the app's origin (blob:/data: URLs of the page itself are not requests out). */
export function foreignRequests(
  requests: readonly string[],
  origin: string,
  allowed: readonly string[] = [],
): string[] {
  return requests.filter(
    (u) =>
      !u.startsWith(`${origin}/`) &&
      !u.startsWith(`blob:${origin}/`) &&
      !u.startsWith('data:') &&
      !allowed.some((a) => u.startsWith(a)),
  );
}
