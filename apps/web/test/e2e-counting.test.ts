import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nmfOutcome } from '../src/pipeline/nmf-outcome.js';
import {
  downloadText,
  factorRows,
  foreignRequests,
  runAndWait,
  stages,
} from './helpers/app-page.js';
import { useAppPage } from './helpers/app-session.js';
import { appRoot } from './helpers/build-app.js';
import { nodePipeline } from './helpers/node-reference.js';

const COUNTING = '1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18';
const artifacts = join(appRoot, 'test-artifacts');

const session = useAppPage();
let reference: Awaited<ReturnType<typeof nodePipeline>>;

beforeAll(async () => {
  reference = await nodePipeline(COUNTING, { components: 2 });
});

describe('the counting example on the demo model, in headless Chromium', () => {
  it('runs every stage and shows the factors with heuristic explanations', async () => {
    const { page } = session.app;
    expect(await page.inputValue('#preset')).toBe('counting');
    expect(await page.inputValue('#text')).toBe(COUNTING);
    expect(await page.inputValue('#components')).toBe('2');
    expect(await page.inputValue('#layers')).toBe('all');

    expect(await runAndWait(page)).toBe('complete');
    const s = await stages(page);
    expect(Object.values(s).map((x) => x.state)).toEqual(['done', 'done', 'done', 'done', 'done']);
    // The NMF stage ends on the solve's real outcome, not on the last throttled iteration.
    expect(s.factors?.detail).toMatch(
      new RegExp(`^${nmfOutcome(reference.factorization.source)} · `),
    );

    const rows = await factorRows(page);
    expect(rows).toHaveLength(2);
    for (const [i, row] of rows.entries()) {
      expect(row.explanation).toContain(reference.explanations[i]!.text);
      expect(row.explanation).toContain('heuristic');
      expect(row.score).toMatch(/^score -?\d/);
    }
    // One span per token in the explorer's text.
    expect(await page.locator('#explorer [part~="token"]').count()).toBe(
      reference.output.tokens.length,
    );

    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'counting.png'), fullPage: true });
  });

  it('runs onnxruntime-web multi-threaded in a cross-origin isolated page', async () => {
    const { page } = session.app;
    const { isolated, cores } = await page.evaluate(() => ({
      isolated: crossOriginIsolated,
      cores: navigator.hardwareConcurrency,
    }));
    expect(isolated).toBe(true);
    const threads = Math.min(4, cores);
    expect(await page.textContent('#summary')).toContain(
      `WebAssembly, ${threads} thread${threads === 1 ? '' : 's'}`,
    );
  });

  it('gives the same result JSON as the packages give in Node', async () => {
    const { name, text } = await downloadText(session.app.page, 'download-json');
    expect(name).toBe('counting-sequence.result.json');
    const result = JSON.parse(text);
    writeFileSync(join(artifacts, name), text);
    expect(result.name).toBe('counting');
    expect(result.components).toBe(2);
    expect(result.layers).toEqual([0, 1, 2, 3]);
    expect(result.tokens.map((t: { id: number }) => t.id)).toEqual(
      reference.output.tokens.map((t) => t.id),
    );
    const f = reference.factorization.factors;
    const scale = Math.max(...f.flat());
    let maxDiff = 0;
    for (const [i, row] of (result.factors as number[][]).entries()) {
      expect(row).toHaveLength(f[i]!.length);
      for (const [p, v] of row.entries()) maxDiff = Math.max(maxDiff, Math.abs(v - f[i]![p]!));
    }
    // onnxruntime-web and -node differ in the last float bits; NMF from the same seed follows.
    expect(maxDiff).toBeLessThanOrEqual(1e-3 * scale);
    expect(result.explanations).toHaveLength(2);
    result.explanations.forEach((e: Record<string, unknown>, i: number) => {
      const r = reference.explanations[i]!;
      expect(e).toMatchObject({ factor: i, text: r.text, provider: 'heuristic' });
      expect(e.score as number).toBeCloseTo(r.score as number, 2);
    });
    expect(result.source).toBe('bundled demo model');
    for (const stage of ['loadModel', 'inference', 'nmf', 'explain', 'score']) {
      expect(result.timings[stage]).toBeGreaterThan(0);
    }
  });

  it('downloads a self-contained HTML report that works offline', async () => {
    const { name, text } = await downloadText(session.app.page, 'download-report');
    expect(name).toBe('counting-sequence.report.html');
    const path = join(artifacts, name);
    writeFileSync(path, text);
    const context = await session.browser.newContext();
    const requests: string[] = [];
    context.on('request', (r) => requests.push(r.url()));
    const page = await context.newPage();
    await page.goto(`file://${path}`);
    await page.waitForSelector('ecco-factors [part~="factor-row"]');
    expect(await factorRows(page, 'ecco-factors')).toEqual(await factorRows(session.app.page));
    expect(requests).toEqual([`file://${path}`]);
    await context.close();
  });

  it('fetched nothing from outside its origin and logged no errors', () => {
    expect(foreignRequests(session.app.requests, session.server.url)).toEqual([]);
    expect(session.app.errors).toEqual([]);
    const paths = session.server.requests.map((r) => r.path);
    expect(paths).toContain('/ort/ort-wasm-simd-threaded.asyncify.wasm');
    expect(paths).toContain('/models/demo-gpt2/onnx/model.onnx');
  });
});
