import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { launchChromium } from '@explainable-ecco/test-kit';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedFromFixture } from './helpers/expected.js';
import { openExplorers } from './helpers/explorer-page.js';

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);
const fx = expectedFromFixture();
const explanations = fx.factors.map((_, i) => ({
  factor: i,
  text: `words like pattern ${i}`,
  provider: 'heuristic',
  score: 0.3,
}));
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: Array<{ target: unknown; failureSummary: string }>;
}

/** Runs axe-core (WCAG 2.x A/AA and best practices) on the page; returns the violations. */
async function axe(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const run = (
      window as unknown as {
        axe: { run: (c: unknown, o: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe.run;
    const result = await run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes
        .slice(0, 3)
        .map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
}

const heading = '<h1>Factors</h1>';

describe('accessibility (axe-core)', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`passes at rest, with a factor locked and with the token tooltip open (${colorScheme})`, async () => {
      const t = await openExplorers(browser, {
        views: [{ data: fx.raw, explanations }, { data: fx.raw }],
        colorScheme,
        before: heading,
      });
      expect(await axe(t.page)).toEqual([]);
      await t.page.click('#v0 >> #factor-4');
      await t.page.focus('#v1 >> .tokens');
      await t.page.keyboard.press('ArrowRight');
      expect(await axe(t.page)).toEqual([]);
    });
  }

  it('would catch token text losing contrast (the check above is live)', async () => {
    const t = await openExplorers(browser, {
      views: [{ data: fx.raw, attributes: 'style="--ecco-max-tint: 100%"' }],
      colorScheme: 'dark',
      before: heading,
    });
    const violations = await axe(t.page);
    expect(violations.map((v) => v.id)).toContain('color-contrast');
  });

  it('names its parts for assistive technology', async () => {
    const t = await openExplorers(browser, { views: [{ data: fx.raw, explanations }] });
    await t.page.click('#v0 >> #factor-1');
    const tree = await t.page.evaluate(() => {
      const root = document.getElementById('v0')!.shadowRoot!;
      const listbox = root.querySelector('[role=listbox]')!;
      return {
        group: root.querySelector('.base')!.getAttribute('aria-label'),
        listbox: listbox.getAttribute('aria-label'),
        options: listbox.querySelectorAll('[role=option]').length,
        selectedText: (() => {
          // The name is the row's text without its hidden description.
          const row = listbox.querySelector('[aria-selected=true]')!.cloneNode(true) as Element;
          for (const hidden of row.querySelectorAll('[hidden]')) hidden.remove();
          return row.textContent!.replace(/\s+/g, ' ').trim();
        })(),
        description: root.getElementById(
          listbox.querySelector('[aria-selected=true]')!.getAttribute('aria-describedby')!,
        )!.textContent,
        text: root.querySelector('.tokens')!.getAttribute('aria-label'),
        live: root.querySelector('[aria-live=polite]')!.textContent,
      };
    });
    expect(tree).toMatchObject({
      group: 'Factor explorer',
      options: 8,
      text: 'Text, 363 tokens',
      live: 'Factor 1 locked.',
    });
    expect(tree.listbox).toContain('Factors');
    expect(tree.selectedText).toBe('Factor 1 locked score 0.30 words like pattern 1 — heuristic');
    expect(tree.description).toBe(
      `Peak ${fx.max[1]!.toFixed(3)} at “${fx.raw.tokens[fx.factors[1]!.indexOf(fx.max[1]!)]!.token.replace(/^##/, '')}”, token ${fx.factors[1]!.indexOf(fx.max[1]!) + 1} of 363.`,
    );
  });
});
