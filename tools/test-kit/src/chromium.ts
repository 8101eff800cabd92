import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/**
 * The flags every browser test runs Chromium with (DEVELOPERS.md): no sandbox and no GPU in
 * containers, and no background traffic, so a test sees only the requests its page makes.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Debian's chromium, or the executable `$CHROMIUM_PATH` names. Throws, saying how to install
 * it, when it is missing: the tests never download a browser.
 */
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

/**
 * Headless Chromium with {@link CHROMIUM_ARGS}. Playwright gives every launch a fresh temporary
 * profile (it refuses an explicit `--user-data-dir` here) and deletes it on `close()`.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
}

/** Chromium with a profile on disk, for state that must outlive a page load. */
export interface PersistentChromium {
  context: BrowserContext;
  /** The page the browser opened with. */
  page: Page;
  /** The fresh profile directory (`--user-data-dir`); `close()` deletes it. */
  profileDir: string;
  /** Closes the browser, then deletes its profile. */
  close(): Promise<void>;
}

/**
 * Headless Chromium on a fresh profile directory, for tests of what a page keeps across
 * reloads (IndexedDB, the Cache API, service workers): `launch()` cannot keep those.
 */
export async function launchPersistentChromium(): Promise<PersistentChromium> {
  const executablePath = chromiumPath();
  const profileDir = mkdtempSync(join(tmpdir(), 'ecco-chromium-profile-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath,
      headless: true,
      args: [...CHROMIUM_ARGS],
    });
  } catch (error) {
    rmSync(profileDir, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    profileDir,
    async close() {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
