import { launchChromium } from '@explainable-ecco/test-kit';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTENSITY_LEVELS } from '../src/intensity-levels.js';
import { expectedFromFixture, paletteRgb, shownValue } from './helpers/expected.js';
import { openExplorers, takeEvents, tokenColours } from './helpers/explorer-page.js';

const fx = expectedFromFixture();
/** Tint at a factor's maximum (light scheme) and value bar height at 16px text. */
const TINT = 0.75;
const BAR_PX = 0.16 * 16;
/** Tokens are drawn in INTENSITY_LEVELS steps: allow half a step (plus rounding). */
const closeTo = (actual: number, intensity: number, scale: number) => {
  expect(Math.abs(actual - intensity * scale)).toBeLessThanOrEqual(
    (0.5 / INTENSITY_LEVELS) * scale + 0.002,
  );
};
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Asserts every token is shaded by `factor` alone (its colour, its intensity). */
async function expectShadedBy(page: Page, factor: number) {
  const colours = await tokenColours(page);
  colours.forEach((c, p) => {
    const intensity = fx.factors[factor]![p]! / fx.max[factor]!;
    closeTo(c.alpha, intensity, TINT);
    closeTo(c.bar, intensity, BAR_PX);
    if (c.alpha > 0) {
      c.rgb.forEach((v, i) => {
        expect(Math.abs(v - paletteRgb(factor)[i]!)).toBeLessThan(1.5);
      });
    }
  });
}

/** Asserts tokens are back to their dominant factors' colours. */
async function expectDominant(page: Page) {
  const colours = await tokenColours(page);
  colours.forEach((c, p) => {
    const f = fx.dominant[p]!;
    closeTo(c.alpha, fx.factors[f]![p]! / fx.max[f]!, TINT);
    if (c.alpha > 0) {
      c.rgb.forEach((v, i) => {
        expect(Math.abs(v - paletteRgb(f)[i]!)).toBeLessThan(1.5);
      });
    }
  });
}

async function rowState(page: Page) {
  return page.evaluate(() => {
    const root = document.getElementById('v0')!.shadowRoot!;
    const rows = Array.from(root.querySelectorAll<HTMLElement>('[role=option]'));
    return {
      selected: rows.filter((r) => r.getAttribute('aria-selected') === 'true').map((r) => r.id),
      tabStops: rows.filter((r) => r.tabIndex === 0).map((r) => r.id),
      focused: root.activeElement?.id ?? null,
      lockedAttr: document.getElementById('v0')!.getAttribute('locked-factor'),
    };
  });
}

const away = async (page: Page) => page.mouse.move(1, 1);

describe('<ecco-factors> with the mouse', () => {
  it('hover shades by one factor, click locks, click again unlocks', async () => {
    const { page } = await openExplorers(browser, {
      views: [{ data: fx.raw }],
      reducedMotion: 'reduce',
    });
    await expectDominant(page);

    await page.hover('#v0 >> #factor-2');
    await expectShadedBy(page, 2);
    await away(page);
    await expectDominant(page);

    await page.click('#v0 >> #factor-2');
    expect(await rowState(page)).toMatchObject({ selected: ['factor-2'], lockedAttr: '2' });
    await page.hover('#v0 >> #factor-5'); // a lock ignores hovering other factors
    await away(page);
    await expectShadedBy(page, 2);

    await page.click('#v0 >> #factor-5'); // clicking another factor moves the lock
    await away(page);
    await expectShadedBy(page, 5);

    await page.click('#v0 >> #factor-5'); // clicking the locked factor unlocks
    expect(await rowState(page)).toMatchObject({ selected: [], lockedAttr: null });
    await away(page);
    await expectDominant(page);

    const events = (await takeEvents(page)).filter((e) => e.type === 'ecco-factor-select');
    expect(
      events.map((e) => [e.target, e.detail.factor, e.detail.previous, e.detail.source]),
    ).toEqual([
      ['v0', 2, null, 'pointer'],
      ['v0', 5, 2, 'pointer'],
      ['v0', null, 5, 'pointer'],
    ]);
  });

  it("shows a tooltip with every factor's value and reports the token hovered", async () => {
    const { page } = await openExplorers(browser, { views: [{ data: fx.raw }] });
    await page.hover('#v0 >> .tok[data-p="74"]');
    const tip = await page.evaluate(() => {
      const t = document.getElementById('v0')!.shadowRoot!.querySelector<HTMLElement>('.tooltip')!;
      return {
        hidden: t.hidden,
        head: t.querySelector('.tip-head')!.textContent!.replace(/\s+/g, ' ').trim(),
        values: Array.from(t.querySelectorAll('dd')).map((d) => d.textContent!.trim()),
      };
    });
    expect(tip.hidden).toBe(false);
    expect(tip.head).toBe('the · token 75 of 363 · input');
    expect(tip.values).toEqual(
      fx.factors.map((row, f) => {
        const text = shownValue(row[74]!);
        return f === 0 ? `${text} (dominant)` : text;
      }),
    );
    await away(page);
    expect(
      await page.evaluate(
        () =>
          document.getElementById('v0')!.shadowRoot!.querySelector<HTMLElement>('.tooltip')!.hidden,
      ),
    ).toBe(true);
    const hovers = (await takeEvents(page)).filter((e) => e.type === 'ecco-token-hover');
    const on = hovers.find((e) => e.detail.position === 74)!;
    expect(on.detail.values).toEqual(fx.factors.map((row) => row[74]));
    expect(on.detail.dominantFactor).toBe(0);
    expect((on.detail.token as { text: string }).text).toBe('the');
    expect(hovers.at(-1)!.detail).toMatchObject({ position: null, values: null });
  });

  it('clicking a token locks its dominant factor', async () => {
    const { page } = await openExplorers(browser, { views: [{ data: fx.raw }] });
    await page.click('#v0 >> .tok[data-p="34"]');
    expect((await rowState(page)).selected).toEqual([`factor-${fx.dominant[34]}`]);
  });
});

describe('<ecco-factors> with the keyboard', () => {
  it('roves over factor rows, previews on focus, Enter/Space lock, Escape unlocks', async () => {
    const { page } = await openExplorers(browser, {
      views: [{ data: fx.raw }],
      before: '<button id="start">start</button>',
    });
    await page.focus('#start');
    await page.keyboard.press('Tab'); // the text
    await page.keyboard.press('Tab'); // the factor list's single tab stop
    expect(await rowState(page)).toMatchObject({ focused: 'factor-0', tabStops: ['factor-0'] });
    await expectShadedBy(page, 0);

    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await rowState(page)).toMatchObject({ focused: 'factor-2', tabStops: ['factor-2'] });
    await expectShadedBy(page, 2);
    await page.keyboard.press('End');
    expect((await rowState(page)).focused).toBe('factor-7');
    await expectShadedBy(page, 7);
    await page.keyboard.press('Home');
    expect((await rowState(page)).focused).toBe('factor-0');

    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await rowState(page)).toMatchObject({ selected: ['factor-1'], lockedAttr: '1' });
    await page.keyboard.press('ArrowDown'); // focus moves, the lock stays
    await expectShadedBy(page, 1);
    await page.keyboard.press(' ');
    expect((await rowState(page)).selected).toEqual(['factor-2']);
    await page.keyboard.press(' '); // Space on the locked factor unlocks
    expect((await rowState(page)).selected).toEqual([]);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    expect(await rowState(page)).toMatchObject({ selected: [], lockedAttr: null });
    await expectShadedBy(page, 2); // still previewing the focused row

    await page.keyboard.press('Shift+Tab'); // leaving the list ends the preview
    await page.keyboard.press('Shift+Tab');
    await expectDominant(page);

    const selects = (await takeEvents(page)).filter((e) => e.type === 'ecco-factor-select');
    expect(selects.map((e) => [e.detail.factor, e.detail.source])).toEqual([
      [1, 'keyboard'],
      [2, 'keyboard'],
      [null, 'keyboard'],
      [2, 'keyboard'],
      [null, 'keyboard'],
    ]);
  });

  it('moves a cursor over tokens, reading every value aloud; Enter locks the dominant factor', async () => {
    const { page } = await openExplorers(browser, {
      views: [{ data: fx.raw }],
      before: '<button id="start">start</button>',
    });
    await page.focus('#start');
    await page.keyboard.press('Tab');
    const state = () =>
      page.evaluate(() => {
        const root = document.getElementById('v0')!.shadowRoot!;
        const cursor = root.querySelector<HTMLElement>('.tok[data-cursor]');
        return {
          cursor: cursor ? Number(cursor.dataset.p) : null,
          top: cursor?.getBoundingClientRect().top ?? null,
          tooltip: !root.querySelector<HTMLElement>('.tooltip')!.hidden,
          said: root.querySelector('#announce')!.textContent,
        };
      });
    expect(await state()).toMatchObject({ cursor: 0, tooltip: true });
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const two = await state();
    expect(two.cursor).toBe(2);
    expect(two.said).toContain('“i”, token 3 of 363.');
    expect(two.said).toContain(
      `All factors: ${fx.factors.map((row, f) => `${f}: ${shownValue(row[2]!)}`).join(', ')}.`,
    );
    await page.keyboard.press('ArrowDown');
    const below = await state();
    expect(below.top!).toBeGreaterThan(two.top!);
    await page.keyboard.press('ArrowUp');
    expect((await state()).top).toBe(two.top);
    await page.keyboard.press('End');
    expect((await state()).cursor).toBe(362);
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    expect((await rowState(page)).selected).toEqual([`factor-${fx.dominant[1]}`]);
    await expectShadedBy(page, fx.dominant[1]!);
    await page.keyboard.press('Escape');
    expect((await rowState(page)).selected).toEqual([]);
    const hovers = (await takeEvents(page)).filter((e) => e.type === 'ecco-token-hover');
    expect(hovers.slice(0, 3).map((e) => [e.detail.position, e.detail.source])).toEqual([
      [0, 'keyboard'],
      [1, 'keyboard'],
      [2, 'keyboard'],
    ]);
  });
});

describe('several explorers on one page', () => {
  it('keep their own state, ids and events', async () => {
    const { page } = await openExplorers(browser, {
      views: [{ data: fx.raw }, { data: fx.raw }],
      reducedMotion: 'reduce',
    });
    await page.click('#v0 >> #factor-3');
    await away(page);
    const [first, second] = await Promise.all([tokenColours(page, 'v0'), tokenColours(page, 'v1')]);
    expect(first[fx.factors[3]!.indexOf(fx.max[3]!)]!.alpha).toBeCloseTo(TINT, 3);
    second.forEach((c, p) => {
      const f = fx.dominant[p]!;
      closeTo(c.alpha, fx.factors[f]![p]! / fx.max[f]!, TINT);
    });
    expect(
      await page.evaluate(() => [
        document.getElementById('v0')!.getAttribute('locked-factor'),
        document.getElementById('v1')!.getAttribute('locked-factor'),
      ]),
    ).toEqual(['3', null]);
    await page.hover('#v1 >> .tok[data-p="5"]');
    const events = await takeEvents(page);
    expect(events.map((e) => [e.type, e.target])).toEqual([
      ['ecco-factor-select', 'v0'],
      ['ecco-token-hover', 'v1'],
    ]);
    // No globals of ours: compared with a blank page, only Lit's own bookkeeping is added.
    const blank = await browser.newPage();
    const before = new Set(await blank.evaluate(() => Object.keys(window)));
    const added = (await page.evaluate(() => Object.keys(window))).filter(
      (k) => !before.has(k) && k !== '__events',
    );
    const litBookkeeping = [
      'litPropertyMetadata',
      'litElementVersions',
      'litHtmlVersions',
      'reactiveElementVersions',
    ];
    expect(added.filter((k) => !litBookkeeping.includes(k))).toEqual([]);
  });
});
