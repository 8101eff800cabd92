import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's chromium, or the one `$CHROMIUM_PATH` names. Never a downloaded browser. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}. Install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH. The tests never download a browser.`,
    );
  }
  return path;
}

export interface BrowserSession {
  browser: Browser;
  close(): Promise<void>;
}

/** Headless chromium with the flags this project's machines need (closed network, no sandbox). */
export async function launchChromium(): Promise<BrowserSession> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return { browser, close: () => browser.close() };
}

export interface RecordedPage {
  page: Page;
  /** Every URL the page requested (including failed ones). */
  requests: string[];
  /** Requests that failed, with the reason. */
  failedRequests: string[];
  /** Uncaught page errors and console errors. */
  errors: string[];
}

/** A fresh page that records requests, failures and errors. */
export async function recordedPage(session: BrowserSession): Promise<RecordedPage> {
  const context = await session.browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const rec: RecordedPage = { page, requests: [], failedRequests: [], errors: [] };
  page.on('request', (r) => rec.requests.push(r.url()));
  page.on('requestfailed', (r) =>
    rec.failedRequests.push(`${r.url()} (${r.failure()?.errorText ?? 'failed'})`),
  );
  page.on('pageerror', (e) => rec.errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') rec.errors.push(m.text());
  });
  return rec;
}
