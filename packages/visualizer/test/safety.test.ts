import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { makeTokens } from '@explainable-ecco/core';
import { launchChromium, recordedPage } from '@explainable-ecco/test-kit';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReportHtml } from '../src/report-html.js';
import { expectedFromFixture } from './helpers/expected.js';
import { openExplorers, waitForTokens } from './helpers/explorer-page.js';
import { artifactsDir, readBundle } from './helpers/fixtures.js';

const fx = expectedFromFixture();
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(artifactsDir, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '<script>window.__pwned=1</script>',
  '"><svg onload=alert(2)>',
  '</script><script>alert(3)</script>',
  '<!--',
];

function hostileData() {
  const pieces = ['hello', ...HOSTILE, 'world'].map((text) => ({ text }));
  const tokens = makeTokens(pieces, 'plain');
  return {
    tokens,
    factors: [tokens.map((_, i) => (i % 2 ? 1 : 0.2)), tokens.map((_, i) => (i % 2 ? 0 : 1))],
  };
}

const hostileExplanations = [
  { factor: 0, text: '<img src=x onerror=alert(4)> tokens', provider: 'heuristic', score: 0.5 },
  {
    factor: 1,
    text: '',
    provider: 'openai',
    error: {
      code: 'PROVIDER_ERROR',
      message: '<b onmouseover=alert(5)>boom</b> key sk-abcdefghijklmnopqrstuvwx',
    },
  },
];

/** Elements and inline handlers the data could have smuggled into the shadow root. */
function smuggled(index: number) {
  const root = document.querySelectorAll('ecco-factors')[index]!.shadowRoot!;
  const all = Array.from(root.querySelectorAll('*'));
  return {
    tags: all
      .map((e) => e.localName)
      .filter((t) => ['img', 'script', 'b', 'iframe', 'object'].includes(t)),
    handlers: all.flatMap((e) =>
      Array.from(e.attributes)
        .map((a) => a.name)
        .filter((n) => n.startsWith('on')),
    ),
    svgs: Array.from(root.querySelectorAll('svg')).filter(
      (s) => !s.classList.contains('spark') && !s.classList.contains('layers'),
    ).length,
  };
}

describe('data is always text', () => {
  it('shows hostile tokens and explanations literally and runs nothing', async () => {
    const { page, dialogs, errors } = await openExplorers(browser, {
      views: [{ data: hostileData(), explanations: hostileExplanations }],
    });
    for (let p = 1; p <= HOSTILE.length; p++) await page.hover(`#v0 >> .tok[data-p="${p}"]`);
    const shown = await page.evaluate(() => {
      const root = document.getElementById('v0')!.shadowRoot!;
      return {
        tokens: Array.from(root.querySelectorAll('.tok')).map((s) => s.textContent),
        tip: root.querySelector('.tip-head')!.textContent,
        explanations: Array.from(root.querySelectorAll('.explanation')).map((e) =>
          e.textContent!.replace(/\s+/g, ' ').trim(),
        ),
        pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
      };
    });
    expect(shown.tokens).toEqual(['hello', ...HOSTILE, 'world']);
    expect(shown.tip).toContain('<!--');
    expect(shown.explanations).toEqual([
      '<img src=x onerror=alert(4)> tokens — heuristic',
      'Explanation failed (PROVIDER_ERROR): <b onmouseover=alert(5)>boom</b> key [redacted]',
    ]);
    expect(shown.pwned).toBeNull();
    expect(await page.evaluate(smuggled, 0)).toEqual({ tags: [], handlers: [], svgs: 0 });
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('shows unusable data as a typed error instead of throwing', async () => {
    const { page, errors } = await openExplorers(browser, {
      views: [
        { data: { tokens: [{ token: 'a' }], factors: [[[1, 2]]] } },
        { data: fx.raw, attributes: 'tokenizer-family="klingon"' },
        { data: fx.raw, explanations: 'not a list' },
      ],
    });
    const shown = await page.evaluate(() =>
      ['v0', 'v1', 'v2'].map((id) => {
        const el = document.getElementById(id) as HTMLElement & { error: { code: string } | null };
        return {
          code: el.error?.code ?? null,
          alerts: Array.from(el.shadowRoot!.querySelectorAll('[role=alert]')).map((a) =>
            a.textContent!.replace(/\s+/g, ' ').trim(),
          ),
          tokens: el.shadowRoot!.querySelectorAll('.tok').length,
        };
      }),
    );
    expect(shown[0]!.code).toBe('INVALID_ECCO_JSON');
    expect(shown[0]!.alerts[0]).toContain('factor 0 has 2 values but there are 1 tokens');
    expect(shown[1]!.alerts[0]).toContain('INVALID_ARGUMENT: Unknown tokenizer family "klingon"');
    expect(shown[1]!.tokens).toBe(fx.n); // still drawn, with detected conventions
    expect(shown[2]!.alerts[0]).toContain('`explanations` must be an array');
    expect(errors).toEqual([]);
  });
});

describe('self-contained report', () => {
  it('works from a file with no network request, data and explanations inlined', async () => {
    const html = renderReportHtml({
      title: 'Report <with> "quotes"',
      bundleSource: readBundle(),
      factorizations: [fx.raw, hostileData()],
      explanations: [
        fx.factors.map((_, i) => ({
          factor: i,
          text: `factor ${i} pattern`,
          provider: 'heuristic',
        })),
        hostileExplanations,
      ],
      description: 'Two texts </script> & more',
    });
    const file = resolve(artifactsDir, 'report.html');
    writeFileSync(file, html);
    const url = pathToFileURL(file).href;
    const { page, requests, dialogs, errors } = await recordedPage(browser);
    await page.goto(url);
    await waitForTokens(page, 2);
    const views = await page.evaluate(() =>
      Array.from(document.querySelectorAll('ecco-factors')).map((el) => ({
        label: el.getAttribute('label'),
        tokens: el.shadowRoot!.querySelectorAll('.tok').length,
        firstExplanation: el.shadowRoot!.querySelector('.explanation')!.textContent!.trim(),
        hostile: Array.from(el.shadowRoot!.querySelectorAll('.tok'))
          .map((t) => t.textContent)
          .slice(1, 6),
      })),
    );
    expect(await page.title()).toBe('Report <with> "quotes"');
    expect(views[0]).toMatchObject({ label: 'Text 1', tokens: fx.n });
    expect(views[0]!.firstExplanation).toContain('factor 0 pattern');
    expect(views[1]!.hostile).toEqual(HOSTILE);
    for (const i of [0, 1]) {
      expect(await page.evaluate(smuggled, i)).toEqual({ tags: [], handlers: [], svgs: 0 });
    }
    expect(requests).toEqual([url]);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(await page.evaluate(() => document.querySelector('.description')!.textContent)).toBe(
      'Two texts </script> & more',
    );
  });
});
