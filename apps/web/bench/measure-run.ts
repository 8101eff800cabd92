import type { Page } from 'playwright-core';

/** What one run cost, measured inside the page from the click on Run. */
export interface RunMeasure {
  /** Click → factors drawn in `<ecco-factors>` (the first result). */
  factorsMs: number;
  /** Click → explanations and scores shown (the complete result). */
  completeMs: number;
  /** Each stage's wall time, as the worker reported it. */
  stages: Record<string, number>;
  /** Main-thread long tasks (> 50 ms) during the run: count, longest, and total blocking time. */
  longTasks: { count: number; maxMs: number; blockingMs: number };
  tokens: number;
}

/**
 * Installs a long-task observer before the app loads; it keeps entries in `window.__longTasks`.
 * Long tasks are what makes a page feel frozen: work of the main thread above 50 ms.
 */
export async function observeLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const tasks: Array<{ start: number; duration: number }> = [];
    (globalThis as unknown as { __longTasks: typeof tasks }).__longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** Clicks Run and measures until the results are complete; throws when the run fails. */
export async function measureRun(page: Page): Promise<RunMeasure> {
  const raw = await page.evaluate(
    () =>
      new Promise<{ factors: number; complete: number; start: number } | { error: string }>(
        (resolve) => {
          const results = document.getElementById('results')!;
          const status = document.getElementById('status')!;
          const start = performance.now();
          let factors = Number.NaN;
          const observer = new MutationObserver(() => {
            const state = results.dataset.state;
            if (state === 'factors' && Number.isNaN(factors)) factors = performance.now() - start;
            if (state === 'complete') {
              observer.disconnect();
              resolve({ factors, complete: performance.now() - start, start });
            } else if (
              status.textContent === 'The run failed.' ||
              status.textContent === 'Cancelled.'
            ) {
              observer.disconnect();
              resolve({
                error: document.getElementById('error')?.textContent ?? status.textContent,
              });
            }
          });
          observer.observe(document.body, {
            attributes: true,
            subtree: true,
            childList: true,
            characterData: true,
          });
          document.getElementById('run')!.click();
        },
      ),
  );
  if ('error' in raw) throw new Error(`The run failed: ${raw.error}`);
  const details = await page.evaluate((start) => {
    const tasks = (
      globalThis as unknown as { __longTasks: Array<{ start: number; duration: number }> }
    ).__longTasks.filter((t) => t.start >= start);
    const stages: Record<string, number> = {};
    for (const li of document.querySelectorAll<HTMLElement>('#stages li')) {
      stages[li.dataset.stage!] = Number(li.dataset.ms);
    }
    const summary = document.getElementById('summary')?.textContent ?? '';
    return {
      stages,
      tokens: Number(/of (\d+) tokens/.exec(summary)?.[1] ?? Number.NaN),
      longTasks: {
        count: tasks.length,
        maxMs: tasks.reduce((m, t) => Math.max(m, t.duration), 0),
        blockingMs: tasks.reduce((s, t) => s + Math.max(0, t.duration - 50), 0),
      },
    };
  }, raw.start);
  return { factorsMs: raw.factors, completeMs: raw.complete, ...details };
}
