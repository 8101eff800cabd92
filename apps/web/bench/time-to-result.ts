// Time to first result of the web app in headless Chromium: the counting example and a
// ~300-token text, cold (fresh page: model download and session included), warm (model
// loaded) and after 15 s of editing (model loaded ahead), with and without cross-origin
// isolation (onnxruntime-web threads), against the same packages in Node. Also the main
// thread's long tasks during each run. Medians are quoted: the machine is shared.
import { readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stats, type TimingStats, writeBenchResult } from '@explainable-ecco/bench-kit';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../test/helpers/browser.js';
import { buildApp } from '../test/helpers/build-app.js';
import { type StaticServer, serveDirectory } from '../test/helpers/static-server.js';
import { measureRun, observeLongTasks, type RunMeasure } from './measure-run.js';
import { demoTokenCounter, type NodeMeasure, nodeRun } from './node-reference.js';
import { COUNTING, textOfAbout } from './texts.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** How long the user edits before clicking Run, in the "after editing" runs. */
const PRELOAD_IDLE_MS = 15_000;

interface Case {
  name: string;
  text: string;
  components: number;
  truncate: boolean;
}

interface Summary {
  factorsMs: TimingStats;
  completeMs: TimingStats;
  stagesP50Ms: Record<string, number>;
  longTasks: { maxMs: number; blockingMsP50: number };
  tokens: number;
}

function median(values: number[]): number {
  return stats(values).p50Ms;
}

function summarise(measures: RunMeasure[]): Summary {
  const stageNames = Object.keys(measures[0]!.stages);
  return {
    factorsMs: stats(measures.map((m) => m.factorsMs)),
    completeMs: stats(measures.map((m) => m.completeMs)),
    stagesP50Ms: Object.fromEntries(
      stageNames.map((s) => [s, median(measures.map((m) => m.stages[s]!))]),
    ),
    longTasks: {
      maxMs: Math.max(...measures.map((m) => m.longTasks.maxMs)),
      blockingMsP50: median(measures.map((m) => m.longTasks.blockingMs)),
    },
    tokens: measures[0]!.tokens,
  };
}

/** A fresh context (no cache, new worker) on the app with the case's settings filled in. */
async function freshPage(browser: Browser, server: StaticServer, c: Case) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await observeLongTasks(page);
  await page.goto(`${server.url}/`);
  await page.waitForSelector('#stages li');
  // Set without focusing anything: focus on the text would start loading the model ahead.
  // (No named functions inside: tsx would wrap them in a helper the page does not have.)
  await page.evaluate((c) => {
    const values: Record<string, string> = {
      preset: 'text',
      text: c.text,
      components: String(c.components),
      layers: 'all',
    };
    for (const [id, value] of Object.entries(values)) {
      (document.getElementById(id) as HTMLInputElement).value = value;
    }
    (document.getElementById('truncate') as HTMLInputElement).checked = c.truncate;
    document.getElementById('run-form')!.dispatchEvent(new Event('change'));
  }, c);
  return { context, page };
}

/**
 * Cold runs (clicked right after the page opened), warm runs (model loaded) and runs after
 * the user has spent `PRELOAD_IDLE_MS` with the text focused (the model loading ahead).
 */
async function browserCase(browser: Browser, server: StaticServer, c: Case, preloaded: boolean) {
  const cold: RunMeasure[] = [];
  const warm: RunMeasure[] = [];
  const ahead: RunMeasure[] = [];
  for (let i = 0; i < RUNS; i++) {
    const { context, page } = await freshPage(browser, server, c);
    cold.push(await measureRun(page));
    if (i === 0) {
      for (let j = 0; j < RUNS; j++) warm.push(await measureRun(page));
    }
    await context.close();
    if (!preloaded) continue;
    const again = await freshPage(browser, server, c);
    await again.page.focus('#text');
    await again.page.waitForTimeout(PRELOAD_IDLE_MS);
    ahead.push(await measureRun(again.page));
    await again.context.close();
  }
  return {
    cold: summarise(cold),
    warm: summarise(warm),
    ...(preloaded ? { afterEditing: summarise(ahead) } : {}),
  };
}

async function nodeCase(c: Case) {
  const runs: NodeMeasure[] = [];
  await nodeRun(c.text, { components: c.components, truncation: c.truncate }); // warm-up
  for (let i = 0; i < RUNS; i++) {
    runs.push(await nodeRun(c.text, { components: c.components, truncation: c.truncate }));
  }
  return {
    loadMs: stats(runs.map((r) => r.loadMs)),
    factorsMs: stats(runs.map((r) => r.factorsMs)),
    completeMs: stats(runs.map((r) => r.completeMs)),
  };
}

function sizes(dir: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const sub of ['assets', 'ort']) {
    for (const f of readdirSync(join(dir, sub)))
      out[`${sub}/${f}`] = statSync(join(dir, sub, f)).size;
  }
  return out;
}

const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

async function main(): Promise<void> {
  const count = await demoTokenCounter();
  const long = textOfAbout(300, count);
  const cases: Case[] = [
    { name: 'counting', text: COUNTING, components: 2, truncate: false },
    // The demo model has 256 positions: the ~300-token text is cut to them, as the app offers.
    { name: 'text-300-tokens', text: long, components: 8, truncate: true },
  ];
  const dist = await mkdtemp(join(tmpdir(), 'ecco-web-bench-'));
  await buildApp(dist);
  const isolated = await serveDirectory(dist);
  const plain = await serveDirectory(dist, { isolated: false });
  const browser = await launchChromium();
  const results: Record<string, unknown> = {};
  try {
    for (const c of cases) {
      console.log(`[bench] ${c.name}: ${count(c.text)} tokens`);
      const threaded = await browserCase(browser, isolated, c, true);
      const single = await browserCase(browser, plain, c, false);
      const node = await nodeCase(c);
      results[c.name] = {
        textTokens: count(c.text),
        browserIsolated: threaded,
        browserNotIsolated: single,
        node,
        ratios: {
          // > 1: the browser is slower than Node by this factor (model loaded, text → factors).
          warmFactorsBrowserOverNode: ratio(threaded.warm.factorsMs.p50Ms, node.factorsMs.p50Ms),
          warmCompleteBrowserOverNode: ratio(threaded.warm.completeMs.p50Ms, node.completeMs.p50Ms),
          coldCompleteBrowserOverNodeLoadPlusRun: ratio(
            threaded.cold.completeMs.p50Ms,
            node.loadMs.p50Ms + node.completeMs.p50Ms,
          ),
          // > 1: loading ahead while the user edits saves this factor on the first run.
          coldOverAfterEditing: ratio(
            threaded.cold.completeMs.p50Ms,
            threaded.afterEditing!.completeMs.p50Ms,
          ),
          // > 1: threads help by this factor.
          coldCompleteSingleOverThreaded: ratio(
            single.cold.completeMs.p50Ms,
            threaded.cold.completeMs.p50Ms,
          ),
          warmCompleteSingleOverThreaded: ratio(
            single.warm.completeMs.p50Ms,
            threaded.warm.completeMs.p50Ms,
          ),
        },
      };
      console.log(JSON.stringify(results[c.name], null, 1));
    }
  } finally {
    await browser.close();
    await isolated.close();
    await plain.close();
  }
  writeBenchResult('web-time-to-result', {
    runsPerCase: RUNS,
    browser: 'Debian chromium, headless, --disable-gpu (WebAssembly; no WebGPU)',
    afterEditingIdleMs: PRELOAD_IDLE_MS,
    cases: results,
    buildBytes: sizes(dist),
  });
  await rm(dist, { recursive: true, force: true });
}

await main();
