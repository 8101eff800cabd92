/**
 * 100k random 384-d vectors: exact cosine search (WebAssembly SIMD and JavaScript kernels) and
 * HNSW (build time, memory, p50 latency and recall@10 against exact, over a range of efSearch).
 * One JSON per dataset: bench-results/retrieval-hnsw-100k-<dataset>.json.
 *
 * Environment: RETRIEVAL_BENCH_N (100000), RETRIEVAL_BENCH_QUERIES (200),
 * RETRIEVAL_BENCH_DATASETS ('low-rank,iid'), RETRIEVAL_BENCH_M (32), RETRIEVAL_BENCH_EFC (100).
 *
 * Latency of a query is the best of 3 rounds over the whole query set: the machines this runs on
 * are shared, and the best of a few runs is what the code costs rather than what a neighbour's
 * job cost it. The p50 over queries of those is reported, with the single-round p50 beside it.
 */
import { loadavg } from 'node:os';
import { stats, writeBenchResult } from '@explainable-ecco/bench-kit';
import { ExactIndex } from '../src/exact-index.js';
import { HnswIndex } from '../src/hnsw-index.js';
import { type Distribution, unitQueries, vectorSource } from './vectors.js';

const N = Number(process.env.RETRIEVAL_BENCH_N ?? 100_000);
const QUERIES = Number(process.env.RETRIEVAL_BENCH_QUERIES ?? 200);
const DATASETS = (process.env.RETRIEVAL_BENCH_DATASETS ?? 'low-rank,iid').split(',');
const D = 384;
const K = 10;
const ROUNDS = 3;
const HNSW = {
  M: Number(process.env.RETRIEVAL_BENCH_M ?? 32),
  efConstruction: Number(process.env.RETRIEVAL_BENCH_EFC ?? 100),
  seed: 42,
};
const EFS = [16, 32, 64, 128, 256, 512, 1024];
const TARGET = { p50Ms: 2, recall: 0.95 };
const DISTRIBUTIONS: Record<string, Distribution> = {
  'low-rank': { kind: 'low-rank', latent: 32, noise: 0.3 },
  iid: { kind: 'iid' },
};

/** Per query: the best of ROUNDS rounds, and the first round alone. */
function timeQueries<T>(queries: readonly T[], search: (q: T, i: number) => void, rounds = ROUNDS) {
  const best = queries.map(() => Number.POSITIVE_INFINITY);
  const first: number[] = [];
  for (let r = 0; r < rounds; r++) {
    queries.forEach((q, i) => {
      const t0 = performance.now();
      search(q, i);
      const ms = performance.now() - t0;
      best[i] = Math.min(best[i]!, ms);
      if (r === 0) first.push(ms);
    });
  }
  return { bestOfRounds: stats(best), firstRound: stats(first) };
}

function runDataset(name: string, distribution: Distribution) {
  const loadAtStart = loadavg();
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
  const truth = queries.map((q) => new Set(wasm.search(q, K).map((h) => h.index)));
  const exactWasm = timeQueries(queries, (q) => wasm.search(q, K));
  const exactJs = timeQueries(queries.slice(0, 20), (q) => js.search(q, K), 2);
  console.log(
    `[${name}] exact p50 ${exactWasm.bestOfRounds.p50Ms.toFixed(2)} ms (wasm), ${exactJs.bestOfRounds.p50Ms.toFixed(2)} ms (js)`,
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
    `[${name}] HNSW M ${HNSW.M} efC ${HNSW.efConstruction}: build ${(buildMs / 1000).toFixed(1)} s, graph ${(graphBytes / 2 ** 20).toFixed(1)} MiB`,
  );

  const sweep = EFS.map((ef) => {
    let found = 0;
    const timing = timeQueries(queries, (q, i) => {
      const hits = graph.search(q, K, ef);
      for (const h of hits) if (truth[i]!.has(h.index)) found++;
    });
    // Every round counted the same hits; keep one round's worth.
    const recall = found / ROUNDS / (queries.length * K);
    const p50 = timing.bestOfRounds.p50Ms;
    console.log(
      `[${name}] ef ${ef}: p50 ${p50.toFixed(3)} ms (first round ${timing.firstRound.p50Ms.toFixed(3)}), recall@10 ${recall.toFixed(3)}`,
    );
    return {
      efSearch: ef,
      recallAt10: recall,
      p50Ms: p50,
      p90Ms: timing.bestOfRounds.p90Ms,
      firstRoundP50Ms: timing.firstRound.p50Ms,
      speedupVsExact: exactWasm.bestOfRounds.p50Ms / p50,
    };
  });
  const meeting = sweep.find((r) => r.recallAt10 >= TARGET.recall);
  writeBenchResult(`retrieval-hnsw-100k-${name}`, {
    dataset: name,
    distribution,
    n: N,
    dimensions: D,
    queries: QUERIES,
    k: K,
    target: TARGET,
    timing: `per query best of ${ROUNDS} rounds, p50 over queries`,
    loadAverage: { start: loadAtStart, end: loadavg() },
    exact: {
      wasm: exactWasm.bestOfRounds,
      wasmFirstRound: exactWasm.firstRound,
      js: exactJs.bestOfRounds,
      wasmSpeedupVsJs: exactJs.bestOfRounds.p50Ms / exactWasm.bestOfRounds.p50Ms,
    },
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
  });
}

for (const name of DATASETS) {
  const distribution = DISTRIBUTIONS[name];
  if (!distribution)
    throw new Error(`Unknown dataset ${name}; use ${Object.keys(DISTRIBUTIONS).join(', ')}.`);
  runDataset(name, distribution);
}
