/**
 * NMF on ecco's two big shapes, ours against scikit-learn measured in the same run:
 *   363 positions × 36,864 neurons (bert-base, 12 layers × 3072), k = 8
 *   355 positions × 18,432 neurons (distilgpt2, 6 layers × 3072), k = 10
 * 500 iterations, tol 0 (both run every iteration), init 'random', randomState 0.
 * Data: activations-like matrices (bench/activations-like.ts) at the densities in
 * NMF_BENCH_DENSITIES (default 0.2 and 0.5 positive entries).
 * Runs are interleaved (scikit-learn, then each engine) NMF_BENCH_RUNS times (default 3);
 * medians are reported. scikit-learn runs through Debian's /usr/bin/python3 when it has
 * sklearn; otherwise that column is skipped with a notice.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stats, writeBenchResult } from '@explainable-ecco/bench-kit';
import type { NmfEngine } from '../src/index.js';
import { nmf } from '../src/index.js';
import { nodeEngines } from '../src/node.js';
import { activationsLike } from './activations-like.js';

const here = dirname(fileURLToPath(import.meta.url));
const script = resolve(here, '../../../tools/nmf-reference/sklearn_fit.py');
const python = '/usr/bin/python3';
const runs = Number(process.env.NMF_BENCH_RUNS ?? 3);
const densities = (process.env.NMF_BENCH_DENSITIES ?? '0.2,0.5').split(',').map(Number);
const maxIter = Number(process.env.NMF_BENCH_ITERS ?? 500);
const shapes = [
  { name: 'bert-base 12 layers', rows: 363, cols: 36864, k: 8 },
  { name: 'distilgpt2 6 layers', rows: 355, cols: 18432, k: 10 },
];

function sklearnAvailable(): boolean {
  if (!existsSync(python)) return false;
  try {
    execFileSync(python, ['-c', 'import sklearn'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// 'wasm-threads' is what the Node entry's default (nodeAutoEngine) picks for these shapes.
const engines: Record<string, 'wasm' | NmfEngine> = { wasm: 'wasm', ...(await nodeEngines()) };
const haveSklearn = sklearnAvailable();
if (!haveSklearn) {
  console.log(`[bench] ${python} with scikit-learn not found: the scikit-learn column is skipped.`);
}
const dir = mkdtempSync(join(tmpdir(), 'nmf-bench-'));
const cases: Record<string, unknown>[] = [];
try {
  for (const shape of shapes) {
    for (const density of densities) {
      const x = activationsLike(shape.rows, shape.cols, density);
      let positive = 0;
      for (const v of x) if (v > 0) positive++;
      const file = join(dir, 'x.f32');
      writeFileSync(file, x);
      const sk: number[] = [];
      let skError = Number.NaN;
      let skReported = Number.NaN;
      const ours: Record<string, { ms: number[]; error: number; engine: string }> = {};
      for (let r = 0; r < runs; r++) {
        if (haveSklearn) {
          const out = JSON.parse(
            execFileSync(
              python,
              [
                script,
                file,
                `${shape.rows}`,
                `${shape.cols}`,
                `${shape.k}`,
                `${maxIter}`,
                '0',
                '1',
              ],
              {
                encoding: 'utf8',
                maxBuffer: 1 << 20,
              },
            ),
          );
          sk.push(out.seconds[0] * 1000);
          // Both errors exact (float64) from the factors; scikit-learn's own reconstruction_err_
          // is computed in float32 and is about 1e-5 lower.
          skError = out.exactError;
          skReported = out.reconstructionError;
        }
        for (const [label, engine] of Object.entries(engines)) {
          const t0 = performance.now();
          const result = await nmf(x, [shape.rows, shape.cols], {
            nComponents: shape.k,
            init: 'random',
            randomState: 0,
            maxIter,
            tol: 0,
            engine,
          });
          const ms = performance.now() - t0;
          ours[label] ??= { ms: [], error: result.reconstructionError, engine: result.engine };
          ours[label].ms.push(ms);
        }
      }
      const skMs = sk.length ? stats(sk).p50Ms : Number.NaN;
      const row: Record<string, unknown> = {
        shape: `${shape.rows}×${shape.cols}`,
        model: shape.name,
        k: shape.k,
        density: Number((positive / x.length).toFixed(3)),
        maxIter,
        sklearn: haveSklearn
          ? { medianMs: skMs, runsMs: sk, error: skError, reportedError: skReported }
          : 'skipped',
        ours: Object.fromEntries(
          Object.entries(ours).map(([label, o]) => {
            const med = stats(o.ms).p50Ms;
            return [
              label,
              {
                engine: o.engine,
                medianMs: med,
                runsMs: o.ms,
                error: o.error,
                timeRatio: haveSklearn ? med / skMs : null,
                errorRatio: haveSklearn ? o.error / skError : null,
              },
            ];
          }),
        ),
      };
      cases.push(row);
      const line = Object.entries(
        row.ours as Record<
          string,
          { medianMs: number; error: number; timeRatio: number | null; errorRatio: number | null }
        >,
      )
        .map(
          ([label, o]) =>
            `${label} ${(o.medianMs / 1000).toFixed(2)} s err ${o.error.toFixed(3)}${o.timeRatio === null ? '' : ` (time ×${o.timeRatio.toFixed(3)}, error ×${o.errorRatio!.toFixed(6)})`}`,
        )
        .join(' | ');
      console.log(
        `[bench] ${row.shape} k=${shape.k} density ${row.density}: ${haveSklearn ? `scikit-learn ${(skMs / 1000).toFixed(2)} s err ${skError.toFixed(3)} | ` : ''}${line}`,
      );
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
writeBenchResult('nmf', {
  description:
    'NMF 500 iterations, tol 0, init random, on activations-like matrices; ours vs scikit-learn (Debian python3) in the same run, medians of interleaved runs.',
  runs,
  cases,
});
