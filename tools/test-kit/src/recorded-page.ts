import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

/** What a page did, as it happens; tests assert on these lists. */
export interface PageRecord {
  /** Every URL requested by the page's context: the page, its frames and its workers. */
  requests: string[];
  /** Requests that failed, as `<url> (<reason>)`. */
  failedRequests: string[];
  /**
   * Uncaught page errors and `console.error` messages, in order. Chromium's own "Failed to load
   * resource" messages count: an http page without an icon link gets one for /favicon.ico when
   * the server has none (Playwright does not report that request).
   */
  errors: string[];
  /** Uncaught page errors only. */
  pageErrors: string[];
  /** Messages of the alert/confirm/prompt dialogs the page opened (each is dismissed). */
  dialogs: string[];
}

/** A page together with its context and what it has done so far. */
export interface RecordedPage extends PageRecord {
  page: Page;
  context: BrowserContext;
}

/**
 * Starts recording `page`. Requests are recorded on its context, which (unlike the page)
 * also sees the requests of the page's workers.
 */
export function recordPage(page: Page): RecordedPage {
  const context = page.context();
  const rec: RecordedPage = {
    page,
    context,
    requests: [],
    failedRequests: [],
    errors: [],
    pageErrors: [],
    dialogs: [],
  };
  context.on('request', (r) => rec.requests.push(r.url()));
  context.on('requestfailed', (r) =>
    rec.failedRequests.push(`${r.url()} (${r.failure()?.errorText ?? 'failed'})`),
  );
  page.on('pageerror', (e) => {
    rec.pageErrors.push(String(e));
    rec.errors.push(String(e));
  });
  page.on('console', (m) => {
    if (m.type() === 'error') rec.errors.push(m.text());
  });
  page.on('dialog', (d) => {
    rec.dialogs.push(d.message());
    void d.dismiss();
  });
  return rec;
}

/**
 * A page in a fresh context (no cache, no storage) that records what it does. `options` go to
 * `browser.newContext()`; the viewport defaults to 1200×900.
 */
export async function recordedPage(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<RecordedPage> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, ...options });
  return recordPage(await context.newPage());
}
