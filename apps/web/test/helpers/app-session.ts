import { launchChromium } from '@explainable-ecco/test-kit';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { type AppPage, openApp } from './app-page.js';
import { type StaticServer, serveDirectory } from './static-server.js';

/** What a browser test file shares across its tests (read it inside tests and hooks). */
export interface AppSession {
  /** The built app (vitest's `distDir`), served on loopback, recording its requests. */
  readonly server: StaticServer;
  /** Headless Chromium (test-kit's `launchChromium`). */
  readonly browser: Browser;
  /** The app, opened once in a fresh context; absent with `open: false`. */
  readonly app: AppPage;
  /** Opens the app in another fresh context (the caller closes its `context`). */
  openApp(options?: Parameters<typeof openApp>[2]): Promise<AppPage>;
}

export interface AppSessionOptions {
  /** Open the app once for the whole file (default); false when each test opens its own. */
  open?: boolean;
  /** Delays served files: see `serveDirectory`. */
  delayMs?: (path: string) => number;
}

/**
 * Registers the file's beforeAll/afterAll that serve the built app, launch Chromium and (unless
 * `open: false`) open the app, closing them again after the file's tests. Call it at the top
 * level of a test file; the returned object's fields throw until beforeAll has run.
 */
export function useAppPage(options: AppSessionOptions = {}): AppSession {
  const { open = true, delayMs } = options;
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  let app: AppPage | undefined;

  beforeAll(async () => {
    server = await serveDirectory(inject('distDir'), delayMs ? { delayMs } : {});
    browser = await launchChromium();
    if (open) app = await openApp(browser, server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  function ready<T>(value: T | undefined, name: string): T {
    if (value === undefined) {
      throw new Error(
        name === 'app' && !open
          ? 'useAppPage({ open: false }) opens no app: call session.openApp() in the test'
          : `useAppPage: ${name} is read before its beforeAll ran: read it inside a test or hook`,
      );
    }
    return value;
  }

  return {
    get server() {
      return ready(server, 'server');
    },
    get browser() {
      return ready(browser, 'browser');
    },
    get app() {
      return ready(app, 'app');
    },
    openApp(appOptions) {
      return openApp(ready(browser, 'browser'), ready(server, 'server').url, appOptions);
    },
  };
}
