import { mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { joinTokens, makeTokens } from '@explainable-ecco/core';
import { launchChromium } from '@explainable-ecco/test-kit';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTENSITY_LEVELS } from '../src/intensity-levels.js';
import { expectedFromFixture, paletteRgb } from './helpers/expected.js';
import { openExplorers, tokenColours } from './helpers/explorer-page.js';
import { artifactsDir } from './helpers/fixtures.js';

const fx = expectedFromFixture();
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(artifactsDir, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

function expectColour(actual: [number, number, number], expected: [number, number, number]) {
  actual.forEach((c, i) => {
    expect(Math.abs(c - expected[i]!)).toBeLessThan(1.5);
  });
}

describe('<ecco-factors> rendering the ecco BERT fixture', () => {
  it('draws every token as text, subword pieces joined, as core joins them', async () => {
    const { page, errors } = await openExplorers(browser, { views: [{ data: fx.raw }] });
    const drawn = await page.evaluate(() => {
      const root = document.getElementById('v0')!.shadowRoot!;
      return {
        count: root.querySelectorAll('.tok').length,
        text: root.querySelector('.tokens')!.textContent,
        special: Array.from(root.querySelectorAll('.tok.special')).map((s) => s.textContent),
        continuation: Array.from(root.querySelectorAll('.tok:not(.first)')).map(
          (s) => s.textContent,
        ),
        summary: root.querySelector('.summary')!.textContent!.replace(/\s+/g, ' ').trim(),
      };
    });
    expect(drawn.count).toBe(fx.n);
    expect(drawn.text).toBe(joinTokens(fx.factorization.tokens, 'wordpiece'));
    expect(drawn.special).toEqual(['[CLS]', '[SEP]']);
    // "ing ##rat ##itude" reads as one word "ingratitude" with visible piece boundaries.
    expect(drawn.text).toContain('ingratitude');
    expect(drawn.continuation).toContain('rat');
    expect(drawn.summary).toContain('363 tokens · 8 factors');
    expect(errors).toEqual([]);
  });

  it("colours each token by its dominant factor, intensity by the factor's value", async () => {
    const { page } = await openExplorers(browser, { views: [{ data: fx.raw }] });
    const colours = await tokenColours(page);
    colours.forEach((c, p) => {
      const f = fx.dominant[p]!;
      const intensity = fx.factors[f]![p]! / fx.max[f]!;
      const level = Math.round(intensity * INTENSITY_LEVELS);
      if (level > 0) expectColour(c.rgb, paletteRgb(f));
      expect(Math.abs(c.alpha - (level / INTENSITY_LEVELS) * 0.75)).toBeLessThan(0.0015);
    });
    // The strongest token of factor 0 ("the", position 74) is fully tinted.
    expect(colours[74]!.alpha).toBeCloseTo(0.75, 3);
  });

  it('lists one row per factor with its number, sparkline and explanation', async () => {
    const explanations = fx.factors.map((_, i) => ({
      factor: i,
      text: `pattern ${i}`,
      provider: 'heuristic',
      score: i / 10,
    }));
    explanations[3] = {
      factor: 3,
      text: '',
      provider: 'openai',
      score: null as unknown as number,
      error: { code: 'PROVIDER_TIMEOUT', message: 'no answer in 30 s' },
    } as never;
    const { page } = await openExplorers(browser, { views: [{ data: fx.raw, explanations }] });
    const rows = await page.evaluate(() =>
      Array.from(document.getElementById('v0')!.shadowRoot!.querySelectorAll('[role=option]')).map(
        (r) => ({
          name: r.querySelector('.row-name')?.textContent,
          explanation: r.querySelector('.explanation')?.textContent?.replace(/\s+/g, ' ').trim(),
          score: r.querySelector('.row-score')?.textContent?.trim() ?? null,
          path: r.querySelector('.spark path')?.getAttribute('d') ?? '',
          label: r.querySelector(`#${r.getAttribute('aria-describedby')}`)?.textContent ?? '',
        }),
      ),
    );
    expect(rows.map((r) => r.name)).toEqual(fx.factors.map((_, i) => `Factor ${i}`));
    expect(rows[2]!.explanation).toBe('pattern 2 — heuristic');
    expect(rows[2]!.score).toBe('score 0.20');
    expect(rows[3]!.explanation).toBe('Explanation failed (PROVIDER_TIMEOUT): no answer in 30 s');
    expect(rows[3]!.score).toBeNull();
    for (const r of rows) expect(r.path.split('L').length).toBeGreaterThan(100);
    // Colour is never the only carrier: the accessible name states the peak in words.
    expect(rows[0]!.label).toContain(`Peak ${fx.max[0]!.toFixed(3)} at “the”, token 75 of 363`);
  });

  it('saves screenshots (light and dark) as test artifacts', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page } = await openExplorers(browser, {
        views: [{ data: fx.raw }],
        colorScheme,
        reducedMotion: 'reduce',
      });
      await page.hover('#v0 >> #factor-2');
      await page.hover('#v0 >> .tok[data-p="10"]');
      const path = resolve(artifactsDir, `ecco-factors-${colorScheme}.png`);
      await page.screenshot({ path, fullPage: true });
      expect(statSync(path).size).toBeGreaterThan(20_000);
    }
  });

  it('follows prefers-color-scheme: dark with its own colours and a lighter tint', async () => {
    const { page } = await openExplorers(browser, {
      views: [{ data: fx.raw }],
      colorScheme: 'dark',
    });
    const host = await page.evaluate(() => {
      const cs = getComputedStyle(document.getElementById('v0')!);
      return { bg: cs.backgroundColor, fg: cs.color };
    });
    expect(host.bg).toBe('rgb(27, 27, 31)');
    expect(host.fg).toBe('rgb(236, 236, 236)');
    const colours = await tokenColours(page);
    expect(colours[74]!.alpha).toBeCloseTo(0.4, 3);
  });

  it('turns transitions off under prefers-reduced-motion', async () => {
    const durations = async (reducedMotion: 'reduce' | 'no-preference') => {
      const { page } = await openExplorers(browser, { views: [{ data: fx.raw }], reducedMotion });
      return page.evaluate(
        () =>
          getComputedStyle(document.getElementById('v0')!.shadowRoot!.querySelector('.row')!)
            .transitionDuration,
      );
    };
    expect(await durations('no-preference')).toBe('0.12s');
    expect(await durations('reduce')).toBe('0s');
  });

  it('redraws tokens when the colour scheme or the element style changes at runtime', async () => {
    const { page } = await openExplorers(browser, { views: [{ data: fx.raw }] });
    expect((await tokenColours(page))[74]!.alpha).toBeCloseTo(0.75, 3);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForFunction(() => {
      const t = document.getElementById('v0')!.shadowRoot!.querySelector('.tok[data-p="74"]')!;
      return getComputedStyle(t).backgroundColor.endsWith('/ 0.4)');
    });
    await page.evaluate(() =>
      document.getElementById('v0')!.style.setProperty('--ecco-color-0', 'rgb(0, 0, 255)'),
    );
    await page.waitForFunction(() => {
      const t = document.getElementById('v0')!.shadowRoot!.querySelector('.tok[data-p="74"]')!;
      return getComputedStyle(t).backgroundColor.startsWith('color(srgb 0 0 1');
    });
    expectColour((await tokenColours(page))[74]!.rgb, [0, 0, 255]);
  });

  it('takes page styling through CSS custom properties and parts', async () => {
    const { page } = await openExplorers(browser, {
      views: [{ data: fx.raw, attributes: 'style="--ecco-color-5: rgb(10, 20, 30)"' }],
      css: 'ecco-factors::part(factor-row) { outline: 2px solid rgb(200, 0, 0); }',
    });
    const colours = await tokenColours(page);
    const of = fx.dominant.indexOf(5);
    expectColour(colours[of]!.rgb, [10, 20, 30]);
    const outline = await page.evaluate(
      () =>
        getComputedStyle(document.getElementById('v0')!.shadowRoot!.querySelector('.row')!)
          .outlineColor,
    );
    expect(outline).toBe('rgb(200, 0, 0)');
  });

  it('reads data from a child JSON script, also when it arrives after the element', async () => {
    const { page } = await openExplorers(browser, { views: [{ data: fx.raw }] });
    const count = await page.evaluate(async (raw) => {
      const el = document.createElement('ecco-factors');
      document.body.append(el);
      await new Promise((r) => setTimeout(r, 50));
      const script = document.createElement('script');
      script.type = 'application/json';
      script.textContent = JSON.stringify({
        data: raw,
        explanations: [{ factor: 1, text: 'late', provider: 'h' }],
      });
      el.append(script);
      for (let i = 0; i < 50 && !el.shadowRoot!.querySelector('.tok'); i++) {
        await new Promise((r) => setTimeout(r, 20));
      }
      return {
        tokens: el.shadowRoot!.querySelectorAll('.tok').length,
        explanation: el.shadowRoot!.querySelector('#factor-1 .explanation')?.textContent?.trim(),
      };
    }, fx.raw);
    expect(count).toEqual({ tokens: fx.n, explanation: 'late — h' });
  });

  it('marks generated tokens and joins byte-level BPE pieces as GPT-2 writes them', async () => {
    const pieces = [
      { text: '<|endoftext|>' },
      { text: 'Hello' },
      { text: ',' },
      { text: 'Ġworld' },
      { text: 'Ċ' },
      { text: 'The' },
      { text: 'Ġcat', kind: 'output' as const },
      { text: 'Ġsat', kind: 'output' as const },
    ];
    const tokens = makeTokens(pieces, 'byte-bpe');
    const data = {
      tokens,
      factors: [
        [0, 1, 0.5, 0, 0, 0.2, 0.9, 0.1],
        [0.1, 0, 0.2, 1, 0.3, 0, 0, 0.8],
      ],
      tokenizerFamily: 'byte-bpe',
    };
    const { page } = await openExplorers(browser, { views: [{ data }] });
    const drawn = await page.evaluate(() => {
      const root = document.getElementById('v0')!.shadowRoot!;
      const spans = Array.from(root.querySelectorAll('.tok'));
      return {
        text: root.querySelector('.tokens')!.textContent,
        outputs: spans.filter((s) => s.classList.contains('out')).map((s) => s.textContent),
        outputParts: spans.map((s) => s.getAttribute('part')),
        marker: root.querySelector('.out-start')?.nextElementSibling?.textContent,
        breaks: root.querySelectorAll('.tokens br').length,
      };
    });
    expect(drawn.text).toBe('<|endoftext|> Hello, world↵The generated cat sat');
    expect(drawn.outputs).toEqual(['cat', 'sat']);
    expect(drawn.outputParts.slice(-2)).toEqual(['token token-output', 'token token-output']);
    expect(drawn.marker).toBe('cat');
    expect(drawn.breaks).toBe(1);
  });

  it('shows the layer share of each factor when the data has it', async () => {
    const data = {
      tokens: makeTokens([{ text: 'a' }, { text: 'b' }], 'plain'),
      factors: [
        [1, 0],
        [0, 1],
      ],
      layers: [4, 5, 6],
      layerShare: [
        [0.1, 0.3, 0.6],
        [0.5, 0.25, 0.25],
      ],
    };
    const { page } = await openExplorers(browser, { views: [{ data }] });
    const rows = await page.evaluate(() =>
      Array.from(document.getElementById('v0')!.shadowRoot!.querySelectorAll('.row')).map((r) => ({
        bars: r.querySelectorAll('.layers rect').length,
        peak: r.querySelectorAll('.layers rect.peak').length,
        label: r.querySelector(`#${r.getAttribute('aria-describedby')}`)?.textContent ?? '',
      })),
    );
    expect(rows.map((r) => r.bars)).toEqual([3, 3]);
    expect(rows.map((r) => r.peak)).toEqual([1, 1]);
    expect(rows[0]!.label).toContain('Layer share: layer 6 60%, layer 5 30%, layer 4 10%.');
    expect(rows[1]!.label).toContain('layer 4 50%');
  });
});
