import { type RecordedPage, recordedPage } from '@explainable-ecco/test-kit';
import type { Browser, Page } from 'playwright-core';
import { pageWith, readBundle } from './fixtures.js';

let bundle: string | undefined;

export interface ExplorerPageOptions {
  /** One entry per <ecco-factors>: its data, explanations and attributes. */
  views: Array<{ data: unknown; explanations?: unknown; attributes?: string }>;
  colorScheme?: 'light' | 'dark';
  /** Default 'reduce', so colours are read without transitions in flight. */
  reducedMotion?: 'reduce' | 'no-preference';
  /** Markup before the explorers (e.g. a button to Tab from) and page CSS. */
  before?: string;
  css?: string;
}

/**
 * Opens a page with the standalone bundle and one explorer per view (ids `v0`, `v1`, …),
 * sets their data as properties, and waits until the tokens are drawn. Every
 * `ecco-factor-select` / `ecco-token-hover` event is recorded in `window.__events`.
 */
export async function openExplorers(
  browser: Browser,
  options: ExplorerPageOptions,
): Promise<RecordedPage> {
  bundle ??= readBundle();
  const t = await recordedPage(browser, {
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: options.reducedMotion ?? 'reduce',
  });
  const elements = options.views
    .map((v, i) => `<ecco-factors id="v${i}" ${v.attributes ?? ''}></ecco-factors>`)
    .join('\n');
  const body = `<style>${options.css ?? ''}</style><main>${options.before ?? ''}${elements}</main>`;
  const script = `window.__events = [];
for (const type of ['ecco-factor-select', 'ecco-token-hover']) {
  document.addEventListener(type, (e) => window.__events.push({ type, target: e.target.id, detail: e.detail }));
}`;
  await t.page.setContent(pageWith(bundle, body, script));
  await t.page.evaluate((views) => {
    views.forEach((v, i) => {
      const el = document.getElementById(`v${i}`) as HTMLElement & {
        data: unknown;
        explanations: unknown;
      };
      el.data = v.data;
      if (v.explanations !== undefined) el.explanations = v.explanations;
    });
  }, options.views);
  await waitForTokens(t.page, options.views.length);
  return t;
}

/** Waits until `count` explorers have drawn their tokens (or shown an error). */
export async function waitForTokens(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (n) =>
      Array.from(document.querySelectorAll('ecco-factors'))
        .slice(0, n)
        .every((el) => el.shadowRoot?.querySelector('.tok, .error, .empty')),
    count,
  );
}

export interface TokenColour {
  text: string;
  rgb: [number, number, number];
  alpha: number;
  /** Height of the value bar under the token, in px (0.16em at full value). */
  bar: number;
  classes: string;
}

/** Every token of explorer `id`: its text, computed background colour and value bar. */
export async function tokenColours(page: Page, id = 'v0'): Promise<TokenColour[]> {
  return page.evaluate((hostId) => {
    const root = document.getElementById(hostId)!.shadowRoot!;
    return Array.from(root.querySelectorAll<HTMLElement>('.tok')).map((span) => {
      const cs = getComputedStyle(span);
      const bg = cs.backgroundColor;
      let rgb: [number, number, number] = [0, 0, 0];
      let alpha = 0;
      const srgb = /^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.e-]+))?\)$/.exec(bg);
      const legacy = /^rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)$/.exec(bg);
      if (srgb) {
        rgb = [Number(srgb[1]) * 255, Number(srgb[2]) * 255, Number(srgb[3]) * 255];
        alpha = srgb[4] === undefined ? 1 : Number(srgb[4]);
      } else if (legacy) {
        rgb = [Number(legacy[1]), Number(legacy[2]), Number(legacy[3])];
        alpha = legacy[4] === undefined ? 1 : Number(legacy[4]);
      } else {
        throw new Error(`unexpected background colour ${bg}`);
      }
      return {
        text: span.textContent ?? '',
        rgb,
        alpha,
        bar:
          cs.boxShadow === 'none'
            ? 0
            : -Number(/(-?[\d.]+)px 0px 0px inset/.exec(cs.boxShadow)?.[1]),
        classes: span.className,
      };
    });
  }, id);
}

/** The events recorded since the page opened (and clears the record). */
export async function takeEvents(
  page: Page,
): Promise<Array<{ type: string; target: string; detail: Record<string, unknown> }>> {
  return page.evaluate(() => {
    const w = window as unknown as { __events: [] };
    const events = w.__events;
    w.__events = [];
    return events;
  });
}

/** Shadow-root query inside explorer `id`, for locators. */
export function inside(id: string, selector: string): string {
  return `#${id} >> ${selector}`;
}
