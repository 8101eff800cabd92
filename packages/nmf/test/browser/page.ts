// Bundled by test/browser.test.ts for Chromium: runs runNmfInWorker and watches the page's
// own timer while the worker computes.
import { runNmfInWorker } from '../../src/index.js';
import { captureForTest } from './capture.js';

declare global {
  interface Window {
    runInWorker(options: {
      positions: number;
      neurons: number;
      abortAfterMs?: number;
    }): Promise<unknown>;
  }
}

window.runInWorker = async ({ positions, neurons, abortAfterMs }) => {
  const worker = new Worker('./worker.js', { type: 'module' });
  const capture = captureForTest(positions, neurons);
  let ticks = 0;
  let maxGap = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
    ticks++;
  }, 10);
  const controller = new AbortController();
  if (abortAfterMs !== undefined) setTimeout(() => controller.abort(), abortAfterMs);
  let progress = 0;
  const started = performance.now();
  try {
    const f = await runNmfInWorker(worker, capture, {
      nComponents: 6,
      signal: controller.signal,
      onProgress: () => progress++,
      progressEveryMs: 20,
    });
    return {
      ok: true,
      ms: performance.now() - started,
      ticks,
      maxGap,
      progress,
      factors: f.factors,
      layerShare: f.layerShare,
      engine: f.source?.engine,
      nIter: f.source?.nIter,
    };
  } catch (error) {
    const e = error as { code?: string; message: string };
    return { ok: false, code: e.code, message: e.message, ms: performance.now() - started };
  } finally {
    clearInterval(timer);
    worker.terminate();
  }
};
