import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium, recordedPage } from '@explainable-ecco/test-kit';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ResultEntry } from '../src/result.js';
import { type CliRun, runCli, tempDir } from './helpers.js';

describe('ecco-explain with no arguments (the README demo)', () => {
  const out = tempDir();
  const cache = tempDir('ecco-cache-');
  let run: CliRun;
  let result: ResultEntry[];

  beforeAll(async () => {
    run = await runCli(['--out', out], {
      env: { ECCO_CACHE_DIR: cache, OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined },
    });
    result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
  }, 120_000);

  it('completes offline and prints a table per example', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^counting — \d+ tokens, 2 factors/m);
    expect(run.stdout).toMatch(/^robot-poem — \d+ tokens, 3 factors/m);
    expect(run.stdout).toContain('explanation');
    // Progress goes to stderr, as plain lines when not a terminal.
    expect(run.stderr).toMatch(/✓ load model/);
    expect(run.stderr).toMatch(/✓ counting: NMF/);
    expect(run.stderr).not.toContain('\r');
  });

  it('writes result.json with the right factors and explanations in factor order', () => {
    expect(result.map((e) => e.name)).toEqual(['counting', 'robot-poem']);
    const [counting, poem] = result as [ResultEntry, ResultEntry];
    expect(counting.factors).toHaveLength(2);
    expect(poem.factors).toHaveLength(3);
    for (const entry of result) {
      expect(entry.explanations.map((e) => e.factor)).toEqual(entry.factors.map((_, i) => i));
      for (const row of entry.factors) expect(row).toHaveLength(entry.tokens.length);
      for (const e of entry.explanations) {
        expect(e.error).toBeUndefined();
        expect(e.text.length).toBeGreaterThan(10);
        expect(e.provider).toBe('heuristic');
        expect(typeof e.score === 'number' || e.score === null).toBe(true);
      }
    }
    // The poem uses the last layer only; the counting sequence all layers.
    expect(poem.layers).toHaveLength(1);
    expect(counting.layers!.length).toBeGreaterThan(1);
    expect(poem.layers![0]).toBe(counting.layers![counting.layers!.length - 1]);
  });

  it('separates the commas from the numbers of the counting sequence', () => {
    const counting = result[0]!;
    const dominant = (p: number) => (counting.factors[0]![p]! >= counting.factors[1]![p]! ? 0 : 1);
    const commas = counting.tokens.filter((t) => t.display.trim() === ',').map((t) => t.position);
    const numbers = counting.tokens
      .filter((t) => /^\s?\d+$/.test(t.display))
      .map((t) => t.position);
    expect(commas.length).toBe(17);
    expect(numbers.length).toBeGreaterThan(10);
    const share = (positions: number[], factor: number) =>
      positions.filter((p) => dominant(p) === factor).length / positions.length;
    const commaFactor = share(commas, 0) >= 0.5 ? 0 : 1;
    const numberFactor = 1 - commaFactor;
    expect(share(commas, commaFactor)).toBeGreaterThanOrEqual(0.8);
    expect(share(numbers, numberFactor)).toBeGreaterThanOrEqual(0.8);
    // …and by mass, not only by argmax.
    const mass = (positions: number[], f: number) =>
      positions.reduce((s, p) => s + counting.factors[f]![p]!, 0);
    expect(
      mass(commas, commaFactor) / (mass(commas, commaFactor) + mass(numbers, commaFactor)),
    ).toBeGreaterThan(0.6);
    expect(
      mass(numbers, numberFactor) / (mass(commas, numberFactor) + mass(numbers, numberFactor)),
    ).toBeGreaterThan(0.6);
  });

  it('writes a report.html that renders from file:// with no network request', async () => {
    const reportPath = join(out, 'report.html');
    expect(existsSync(reportPath)).toBe(true);
    const browser = await launchChromium();
    try {
      const rec = await recordedPage(browser);
      const url = pathToFileURL(reportPath).href;
      await rec.page.goto(url);
      await rec.page.waitForFunction(() => {
        const views = document.querySelectorAll('ecco-factors');
        return (
          views.length === 2 &&
          [...views].every((v) => (v.shadowRoot?.textContent ?? '').length > 50)
        );
      });
      const shown = await rec.page.evaluate(() =>
        [...document.querySelectorAll('ecco-factors')].map((v) => v.shadowRoot!.textContent ?? ''),
      );
      expect(shown[0]).toContain(result[0]!.explanations[0]!.text.slice(0, 20));
      expect(rec.requests).toEqual([url]);
      expect(rec.failedRequests).toEqual([]);
      expect(rec.errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
