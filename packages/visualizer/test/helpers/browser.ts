import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's chromium, or the one `$CHROMIUM_PATH` names. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}. Install it (Debian/Ubuntu: sudo apt-get install chromium) ` +
        'or set CHROMIUM_PATH to a Chromium/Chrome executable. The tests never download a browser.',
    );
  }
  return path;
}

export interface BrowserSession {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Headless chromium, flags as in DEVELOPERS.md. Playwright gives every launch a fresh temporary
 * profile (it rejects an explicit --user-data-dir), and removes it on close.
 */
export async function launchBrowser(): Promise<BrowserSession> {
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
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

export interface TestPage {
  page: Page;
  /** Every URL the page requested. */
  requests: string[];
  /** Messages of alert/confirm/prompt dialogs the page opened. */
  dialogs: string[];
  /** Uncaught page errors. */
  errors: string[];
}

/** A page that records every network request, script dialog and uncaught error. */
export async function newPage(
  session: BrowserSession,
  options: { colorScheme?: 'light' | 'dark'; reducedMotion?: 'reduce' | 'no-preference' } = {},
): Promise<TestPage> {
  const context = await session.browser.newContext({
    viewport: { width: 1200, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: options.reducedMotion ?? 'no-preference',
  });
  const page = await context.newPage();
  const requests: string[] = [];
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return { page, requests, dialogs, errors };
}
