/**
 * 100k random 384-d vectors: exact cosine search (WebAssembly SIMD and JavaScript kernels) and
 * HNSW (build time, memory, p50 latency and recall@10 against exact, over a range of efSearch).
 * Environment: RETRIEVAL_BENCH_N (default 100000), RETRIEVAL_BENCH_QUERIES (default 200).
 */
import { stats, writeBenchResult } from '@explainable-ecco/bench-kit';
import { ExactIndex } from '../src/exact-index.js';
import { HnswIndex } from '../src/hnsw-index.js';
import { type Distribution, unitQueries, vectorSource } from './vectors.js';

const N = Number(process.env.RETRIEVAL_BENCH_N ?? 100_000);
const QUERIES = Number(process.env.RETRIEVAL_BENCH_QUERIES ?? 200);
const D = 384;
const K = 10;
const HNSW = { M: 16, efConstruction: 100, seed: 42 };
const EFS = [16, 32, 64, 128, 256, 512, 1024];
const TARGET = { p50Ms: 2, recall: 0.95 };

function timeEach<T>(items: readonly T[], fn: (item: T) => unknown): number[] {
  return items.map((item) => {
    const t0 = performance.now();
    fn(item);
    return performance.now() - t0;
  });
}

function runDataset(name: string, distribution: Distribution) {
  const next = vectorSource(D, distribution, 1);
  const wasm = new ExactIndex(D, { capacity: N });
  const js = new ExactIndex(D, { capacity: N, kernel: 'js' });
  const v = new Float32Array(D);
  for (let i = 0; i < N; i++) {
    next(v);
    wasm.add(v);
    js.add(v);
  }
  const queries = unitQueries(QUERIES, D, next);
  // Warm both kernels before timing.
  for (const q of queries.slice(0, 5)) {
    wasm.search(q, K);
    js.search(q, K);
  }
  const truth = queries.map((q) => new Set(wasm.search(q, K).map((h) => h.index)));
  const exactWasm = stats(timeEach(queries, (q) => wasm.search(q, K)));
  const exactJs = stats(timeEach(queries.slice(0, 50), (q) => js.search(q, K)));
  console.log(
    `[${name}] exact p50 ${exactWasm.p50Ms.toFixed(2)} ms (wasm), ${exactJs.p50Ms.toFixed(2)} ms (js)`,
  );

  const rssBefore = process.memoryUsage().rss;
  const graph = new HnswIndex(wasm.store, HNSW);
  const t0 = performance.now();
  for (let i = 0; i < N; i++) graph.insert(i);
  const buildMs = performance.now() - t0;
  const rssAfter = process.memoryUsage().rss;
  const exported = graph.exportGraph();
  const graphBytes =
    exported.levels.byteLength + exported.links0.byteLength + exported.upper.byteLength;
  console.log(
    `[${name}] HNSW build ${(buildMs / 1000).toFixed(1)} s, graph ${(graphBytes / 2 ** 20).toFixed(1)} MiB`,
  );

  const sweep = EFS.map((ef) => {
    let found = 0;
    const times = queries.map((q, i) => {
      const t0 = performance.now();
      const hits = graph.search(q, K, ef);
      const ms = performance.now() - t0;
      found += hits.filter((h) => truth[i]!.has(h.index)).length;
      return ms;
    });
    const s = stats(times);
    const recall = found / (queries.length * K);
    console.log(`[${name}] ef ${ef}: p50 ${s.p50Ms.toFixed(3)} ms, recall@10 ${recall.toFixed(3)}`);
    return {
      efSearch: ef,
      recallAt10: recall,
      p50Ms: s.p50Ms,
      p90Ms: s.p90Ms,
      speedupVsExact: exactWasm.p50Ms / s.p50Ms,
    };
  });
  const meeting = sweep.find((r) => r.recallAt10 >= TARGET.recall);
  return {
    distribution,
    exact: { wasm: exactWasm, js: exactJs, wasmSpeedupVsJs: exactJs.p50Ms / exactWasm.p50Ms },
    hnsw: {
      params: HNSW,
      buildSeconds: buildMs / 1000,
      buildInsertsPerSecond: N / (buildMs / 1000),
      memory: {
        vectorStoreMiB: wasm.store.byteLength / 2 ** 20,
        graphMiB: graphBytes / 2 ** 20,
        rssGrowthDuringBuildMiB: (rssAfter - rssBefore) / 2 ** 20,
      },
      sweep,
      firstEfReachingTargetRecall: meeting ?? null,
      targetMet: Boolean(meeting && meeting.p50Ms <= TARGET.p50Ms),
    },
  };
}

const results = {
  n: N,
  dimensions: D,
  queries: QUERIES,
  k: K,
  target: TARGET,
  loadAverageAtStart: (await import('node:os')).loadavg(),
  lowRank: runDataset('low-rank', { kind: 'low-rank', latent: 32, noise: 0.3 }),
  iid: runDataset('iid', { kind: 'iid' }),
};
writeBenchResult('retrieval-hnsw-100k', results);
