/**
 * Wall time of the README demo (`ecco-explain` with no arguments), cold and warm, by stage.
 * Cold: a fresh process and an empty explanation cache. Warm: fresh processes again, with the
 * cache and the OS file cache populated by the previous run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stats, writeBenchResult } from '@explainable-ecco/bench-kit';

const bin = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/bin.js');
const runs = Number(process.env.BENCH_RUNS ?? 5);

interface Sample {
  wallMs: number;
  stages: Record<string, number>;
}

function runOnce(cacheDir: string): Sample {
  const out = mkdtempSync(join(tmpdir(), 'ecco-bench-'));
  const t0 = performance.now();
  const child = spawnSync(process.execPath, [bin, '--out', out, '--quiet'], {
    env: { ...process.env, ECCO_CACHE_DIR: cacheDir, OPENAI_API_KEY: '', OPENAI_BASE_URL: '' },
    encoding: 'utf8',
  });
  const wallMs = performance.now() - t0;
  if (child.status !== 0) throw new Error(`ecco-explain failed: ${child.stderr}`);
  const entries = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as Array<{
    name: string;
    timings: Record<string, number>;
  }>;
  rmSync(out, { recursive: true, force: true });
  const stages: Record<string, number> = { loadModel: entries[0]!.timings.loadModel ?? 0 };
  for (const e of entries) {
    for (const [stage, ms] of Object.entries(e.timings))
      if (stage !== 'loadModel') stages[`${e.name}.${stage}`] = ms;
  }
  return { wallMs, stages };
}

function summarise(samples: Sample[]) {
  const stageNames = Object.keys(samples[0]!.stages);
  return {
    wall: stats(samples.map((s) => s.wallMs)),
    stagesP50Ms: Object.fromEntries(
      stageNames.map((n) => [n, stats(samples.map((s) => s.stages[n] ?? 0)).p50Ms]),
    ),
  };
}

const cold: Sample[] = [];
const warm: Sample[] = [];
for (let i = 0; i < runs; i++) {
  const cache = mkdtempSync(join(tmpdir(), 'ecco-bench-cache-'));
  cold.push(runOnce(cache));
  warm.push(runOnce(cache));
  rmSync(cache, { recursive: true, force: true });
}
const result = {
  command: 'ecco-explain --out DIR --quiet (no arguments: the two built-in examples)',
  runs,
  cold: summarise(cold),
  warm: summarise(warm),
};
console.log(JSON.stringify(result, null, 2));
writeBenchResult('cli-demo-run', result);
