import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppPage, waitForEnd } from './helpers/app-page.js';
import { useAppPage } from './helpers/app-session.js';
import { appRoot } from './helpers/build-app.js';

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

interface AxeViolation {
  id: string;
  impact: string;
  nodes: Array<{ target: string[] }>;
}

/** axe-core's WCAG 2.1 A/AA and best-practice violations on the page as it is now. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = (await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run(o: unknown): Promise<{ violations: unknown }> } }
    ).axe;
    const result = await axe.run({
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
    });
    return result.violations;
  })) as AxeViolation[];
  return violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/** The luminance-ish brightness (0–255) of an element's computed background colour. */
async function backgroundBrightness(page: Page, selector: string): Promise<number> {
  const rgb = await page.$eval(selector, (el) => getComputedStyle(el).backgroundColor);
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).map(Number);
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

const artifacts = join(appRoot, 'test-artifacts');
const session = useAppPage({ open: false });

describe.each(['light', 'dark'] as const)('accessibility, %s scheme', (scheme) => {
  let app: AppPage;

  beforeAll(async () => {
    app = await session.openApp({ colorScheme: scheme });
  });

  afterAll(async () => {
    await app?.context.close();
  });

  it('runs from the keyboard alone: Ctrl+Enter in the text', async () => {
    const { page } = app;
    await page.focus('#text');
    await page.keyboard.press('Control+Enter');
    expect(await waitForEnd(page)).toBe('complete');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, `app-${scheme}.png`), fullPage: true });
  });

  it('has no axe violations once results are shown', async () => {
    expect(await axeViolations(app.page)).toEqual([]);
  });

  it(`uses the ${scheme} colour scheme`, async () => {
    const brightness = await backgroundBrightness(app.page, 'body');
    if (scheme === 'dark') expect(brightness).toBeLessThan(60);
    else expect(brightness).toBeGreaterThan(200);
  });

  it('reaches every control with Tab, each with a visible focus ring', async () => {
    const { page } = app;
    // The skip link is the page's first stop; Tab on from there.
    await page.focus('.skip-link');
    const seen: Array<{ id: string; outline: string }> = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        return {
          id: el.id || el.getAttribute('name') || el.tagName.toLowerCase(),
          outline: `${style.outlineStyle} ${style.outlineWidth}`,
        };
      });
      if (!focused) break;
      seen.push(focused);
      if (focused.id === 'download-report') break;
    }
    const ids = seen.map((s) => s.id);
    for (const id of [
      'preset',
      'text',
      'model-kind',
      'dtype',
      'device',
      'truncate',
      'components',
      'layers',
      'explainer',
      'run',
      'download-json',
      'download-report',
    ]) {
      expect(ids, `Tab order: ${ids.join(' → ')}`).toContain(id);
    }
    expect(ids.indexOf('text')).toBeLessThan(ids.indexOf('run'));
    expect(ids.indexOf('run')).toBeLessThan(ids.indexOf('download-json'));
    // <ecco-factors> draws its own focus ring inside its shadow root (tested by the visualizer).
    for (const s of seen.filter((x) => x.id !== 'explorer')) {
      expect(s.outline, s.id).toMatch(/^solid [1-9]/);
    }
  });
});
