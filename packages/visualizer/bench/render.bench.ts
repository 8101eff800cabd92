// Benchmark: <ecco-factors> in headless Chromium with 2,000 tokens × 32 factors — initial render
// and per-hover update — against a naive Lit implementation that re-renders every token.
// Run: pnpm --filter @explainable-ecco/visualizer bench (after build).
import { resolve } from 'node:path';
import { stats, writeBenchResult } from '@explainable-ecco/bench-kit';
import { build } from 'esbuild';
import { launchBrowser, newPage } from '../test/helpers/browser.js';
import { packageRoot, pageWith, readBundle } from '../test/helpers/fixtures.js';
import { syntheticFactorization } from './synthetic.js';

const TOKENS = 2000;
const FACTORS = 32;
const RENDER_RUNS = 15;
const HOVER_RUNS = 96;
const TARGETS = { initialRenderMs: 150, hoverUpdateMs: 16 };

const reference = await build({
  entryPoints: [resolve(packageRoot, 'bench/naive-reference.ts')],
  bundle: true,
  format: 'esm',
  minify: true,
  write: false,
  logLevel: 'warning',
});
const referenceSource = reference.outputFiles[0]!.text.replace(/<\/(script)/gi, '<\\/$1');

const data = syntheticFactorization(TOKENS, FACTORS);
const session = await launchBrowser();
const load = (await import('node:os')).loadavg();
try {
  const { page } = await newPage(session, { reducedMotion: 'reduce' });
  // tsx compiles with keepNames, which wraps in-page functions in an `__name(...)` helper that
  // exists only in Node; give the page a no-op one.
  await page.setContent(
    pageWith(
      readBundle(),
      `<main id="stage"></main><script type="module">${referenceSource}</script>`,
    ),
  );
  await page.evaluate('globalThis.__name = (fn) => fn;');

  /** Runs in the page: times initial render and hover updates of one element kind. */
  const measure = (args: {
    tag: string;
    data: unknown;
    renderRuns: number;
    hoverRuns: number;
    rowSelector: string;
  }) =>
    page.evaluate(async ({ tag, data, renderRuns, hoverRuns, rowSelector }) => {
      type El = HTMLElement & { data: unknown; updateComplete: Promise<unknown> };
      const stage = document.getElementById('stage')!;
      // A full style and layout pass: what the browser must do before it can paint.
      const settle = () => document.body.getBoundingClientRect().height;
      const frame = () =>
        new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
      const render: number[] = [];
      const renderToFrame: number[] = [];
      let el: El | null = null;
      for (let i = 0; i < renderRuns + 2; i++) {
        stage.replaceChildren();
        await frame();
        const t0 = performance.now();
        el = document.createElement(tag) as El;
        el.data = data;
        stage.append(el);
        await el.updateComplete;
        settle();
        const t1 = performance.now();
        await frame();
        const t2 = performance.now();
        if (i >= 2) {
          render.push(t1 - t0);
          renderToFrame.push(t2 - t0);
        }
      }
      const rows = Array.from(el!.shadowRoot!.querySelectorAll<HTMLElement>(rowSelector));
      const hover: number[] = [];
      const hoverToFrame: number[] = [];
      for (let i = 0; i < hoverRuns + 8; i++) {
        const row = rows[(i * 7) % rows.length]!; // a different factor every time
        await frame();
        const t0 = performance.now();
        row.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
        await el!.updateComplete;
        settle();
        const t1 = performance.now();
        await frame();
        const t2 = performance.now();
        if (i >= 8) {
          hover.push(t1 - t0);
          hoverToFrame.push(t2 - t0);
        }
      }
      return {
        render,
        renderToFrame,
        hover,
        hoverToFrame,
        tokens: el!.shadowRoot!.querySelectorAll('.tok').length,
      };
    }, args);

  const ours = await measure({
    tag: 'ecco-factors',
    data,
    renderRuns: RENDER_RUNS,
    hoverRuns: HOVER_RUNS,
    rowSelector: '[role=option]',
  });
  const naive = await measure({
    tag: 'naive-factors',
    data,
    renderRuns: RENDER_RUNS,
    hoverRuns: HOVER_RUNS,
    rowSelector: '.row',
  });
  if (ours.tokens !== TOKENS || naive.tokens !== TOKENS) {
    throw new Error(`expected ${TOKENS} tokens, drew ${ours.tokens} and ${naive.tokens}`);
  }
  const o = {
    initialRender: stats(ours.render),
    initialRenderToFrame: stats(ours.renderToFrame),
    hoverUpdate: stats(ours.hover),
    hoverUpdateToFrame: stats(ours.hoverToFrame),
  };
  const n = {
    initialRender: stats(naive.render),
    initialRenderToFrame: stats(naive.renderToFrame),
    hoverUpdate: stats(naive.hover),
    hoverUpdateToFrame: stats(naive.hoverToFrame),
  };
  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  const browserVersion = session.browser.version();
  writeBenchResult('visualizer-render', {
    description:
      '<ecco-factors> in headless Chromium, 2,000 tokens × 32 factors: initial render (create, set data, Lit update, style+layout) and per-hover update (pointerover on a factor row → Lit update + token recolouring + style+layout); *ToFrame adds the wait for the next animation frame. Reference: a naive Lit element re-rendering one template per token on every hover.',
    browser: `chromium ${browserVersion}`,
    loadAverageAtStart: load.map((l) => Math.round(l * 100) / 100),
    tokens: TOKENS,
    factors: FACTORS,
    targets: TARGETS,
    eccoFactors: o,
    naiveReference: n,
    medianOverTarget: {
      initialRender: ratio(o.initialRender.p50Ms, TARGETS.initialRenderMs),
      hoverUpdate: ratio(o.hoverUpdate.p50Ms, TARGETS.hoverUpdateMs),
    },
    medianOverReference: {
      initialRender: ratio(o.initialRender.p50Ms, n.initialRender.p50Ms),
      hoverUpdate: ratio(o.hoverUpdate.p50Ms, n.hoverUpdate.p50Ms),
    },
  });
  console.log(
    `ecco-factors: initial render p50 ${o.initialRender.p50Ms.toFixed(1)} ms (target ${TARGETS.initialRenderMs}), hover p50 ${o.hoverUpdate.p50Ms.toFixed(2)} ms (target ${TARGETS.hoverUpdateMs})`,
  );
  console.log(
    `naive Lit:    initial render p50 ${n.initialRender.p50Ms.toFixed(1)} ms, hover p50 ${n.hoverUpdate.p50Ms.toFixed(2)} ms`,
  );
} finally {
  await session.close();
}
