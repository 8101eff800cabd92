import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const benchResultsDir = resolve(repoRoot, 'bench-results');

export interface TimingStats {
  runs: number;
  minMs: number;
  p50Ms: number;
  p90Ms: number;
  maxMs: number;
  meanMs: number;
}

export function stats(samplesMs: number[]): TimingStats {
  const s = [...samplesMs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))]!;
  return {
    runs: s.length,
    minMs: s[0]!,
    p50Ms: q(0.5),
    p90Ms: q(0.9),
    maxMs: s[s.length - 1]!,
    meanMs: s.reduce((a, b) => a + b, 0) / s.length,
  };
}

/** Times `fn` `runs` times after `warmup` untimed runs. */
export async function time(fn: () => unknown, { runs = 5, warmup = 1 } = {}): Promise<TimingStats> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return stats(samples);
}

export function machine(): Record<string, unknown> {
  return {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpu: cpus()[0]?.model,
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  };
}

/** Writes bench-results/<name>.json and prints a one-line summary; returns the path. */
export function writeBenchResult(name: string, result: Record<string, unknown>): string {
  mkdirSync(benchResultsDir, { recursive: true });
  const path = resolve(benchResultsDir, `${name}.json`);
  const body = { benchmark: name, date: new Date().toISOString(), machine: machine(), ...result };
  writeFileSync(path, `${JSON.stringify(body, null, 2)}\n`);
  console.log(`[bench] ${name} → ${path}`);
  return path;
}
