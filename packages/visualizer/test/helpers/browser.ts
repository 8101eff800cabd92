import { launchChromium, type RecordedPage, recordedPage } from '@explainable-ecco/test-kit';
import type { Browser, BrowserContextOptions } from 'playwright-core';

// bench/render.bench.ts launches Chromium through these; the tests use test-kit directly.

/** Headless Chromium (test-kit's `launchChromium`) with the session shape the bench uses. */
export async function launchBrowser(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await launchChromium();
  return { browser, close: () => browser.close() };
}

/** test-kit's `recordedPage` on a session from {@link launchBrowser}. */
export function newPage(
  session: { browser: Browser },
  options: BrowserContextOptions = {},
): Promise<RecordedPage> {
  return recordedPage(session.browser, options);
}
