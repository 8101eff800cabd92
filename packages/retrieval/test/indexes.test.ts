import { seededRandom } from '@explainable-ecco/core';
import { describe, expect, it } from 'vitest';
import {
  Bm25Index,
  ExactIndex,
  HnswIndex,
  maximalMarginalRelevance,
  reciprocalRankFusion,
} from '../src/index.js';
import { TopK } from '../src/top-k.js';
import { expectRejectsWith } from './helpers.js';

/** Vectors with low intrinsic dimension, like real sentence embeddings (latent × random projection + noise). */
function clusteredVectors(
  n: number,
  dimensions: number,
  latent: number,
  seed: number,
): Float32Array[] {
  const random = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const projection = Array.from({ length: dimensions * latent }, gauss);
  return Array.from({ length: n }, () => {
    const z = Array.from({ length: latent }, gauss);
    return Float32Array.from({ length: dimensions }, (_, j) => {
      let s = 0.2 * gauss();
      for (let t = 0; t < latent; t++) s += projection[j * latent + t]! * z[t]!;
      return s;
    });
  });
}

function unit(v: Float32Array): Float32Array {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

describe('TopK', () => {
  it('keeps the k largest, ties toward the lower index', () => {
    const random = seededRandom(3);
    const scores = Array.from({ length: 500 }, () => Math.round(random() * 50));
    const top = new TopK(20);
    for (const [i, s] of scores.entries()) top.push(i, s);
    const expected = scores
      .map((score, index) => ({ index, score }))
      .sort((a, b) => b.score - a.score || a.index - b.index);
    expect(top.sorted()).toEqual(expected.slice(0, 20));
  });
});

describe('Bm25Index', () => {
  const bm25 = new Bm25Index();
  bm25.add(['a', 'b']);
  bm25.add(['a', 'a', 'c']);
  bm25.add(['c', 'd', 'e', 'f']);

  it('scores by Okapi BM25 (k1 1.2, b 0.75), worked by hand', () => {
    // idf(a) = ln(1 + (3 − 2 + 0.5) / (2 + 0.5)) = ln 1.6; avgdl = 3
    // doc 0: tf 1, |d| 2 → ln1.6 · 2.2 / (1 + 1.2 · (0.25 + 0.5))
    // doc 1: tf 2, |d| 3 → ln1.6 · 2 · 2.2 / (2 + 1.2)
    const hits = bm25.search(['a'], 5);
    expect(hits.map((h) => h.index)).toEqual([1, 0]);
    expect(hits[0]!.score).toBeCloseTo((Math.log(1.6) * 4.4) / 3.2, 10);
    expect(hits[1]!.score).toBeCloseTo((Math.log(1.6) * 2.2) / 1.9, 10);
  });

  it('ranks rare terms above common ones, skips documents sharing no term, and filters', () => {
    expect(bm25.search(['b', 'c'], 5)[0]!.index).toBe(0);
    expect(bm25.search(['zzz'], 5)).toEqual([]);
    expect(bm25.search(['a'], 5, (d) => d !== 1).map((h) => h.index)).toEqual([0]);
    expect(bm25.search(['a', 'a', 'a'], 5)).toEqual(bm25.search(['a'], 5));
  });
});

describe('ExactIndex', () => {
  const vectors = clusteredVectors(2500, 22, 6, 1);
  const index = new ExactIndex(22);
  for (const v of vectors) index.add(v);
  const jsIndex = new ExactIndex(22, { kernel: 'js' });
  for (const v of vectors) jsIndex.add(v);

  it('returns the true cosine top-k, with the WebAssembly and the JavaScript kernel', () => {
    const query = unit(clusteredVectors(1, 22, 6, 2)[0]!);
    const cosines = vectors.map((v, i) => ({
      index: i,
      score: unit(v).reduce((s, x, j) => s + x * query[j]!, 0),
    }));
    cosines.sort((a, b) => b.score - a.score);
    for (const searched of [index, jsIndex]) {
      const hits = searched.search(query, 10);
      expect(hits.map((h) => h.index)).toEqual(cosines.slice(0, 10).map((c) => c.index));
      for (const [i, h] of hits.entries()) expect(h.score).toBeCloseTo(cosines[i]!.score, 5);
    }
    expect([index.store.kernelName, jsIndex.store.kernelName]).toEqual(['wasm', 'js']);
  });

  it('filters, and scores rows against each other', () => {
    const query = unit(vectors[5]!);
    expect(index.search(query, 1)[0]!.index).toBe(5);
    expect(index.search(query, 1, (i) => i !== 5)[0]!.index).not.toBe(5);
    expect(index.similarity(5, 5)).toBeCloseTo(1, 5);
    expect(index.similarity(3, 9)).toBeCloseTo(jsIndex.similarity(3, 9), 5);
  });

  it('keeps all vectors normalised in one block (rows padded to 4 floats, hidden from callers)', () => {
    expect(index.store.stride).toBe(24);
    expect(index.vectors).toHaveLength(2500 * 22);
    expect(Math.hypot(...index.vectors.subarray(22, 44))).toBeCloseTo(1, 5);
  });

  it('rejects vectors it cannot compare', async () => {
    await expectRejectsWith(
      () => index.add(new Float32Array(5)),
      'EMBEDDER_MISMATCH',
      /5 dimensions/,
    );
    await expectRejectsWith(() => index.add(new Float32Array(22)), 'EMBEDDING_FAILED', /all zeros/);
    await expectRejectsWith(
      () => index.add(new Float32Array(22).fill(Number.NaN)),
      'EMBEDDING_FAILED',
    );
    expect(index.size).toBe(2500);
  });
});

describe('HnswIndex', () => {
  const d = 48;
  const data = clusteredVectors(2000, d, 12, 7);
  const exact = new ExactIndex(d, { capacity: data.length });
  for (const v of data) exact.add(v);
  const build = (seed: number, store = exact.store) => {
    const graph = new HnswIndex(store, { M: 12, efConstruction: 64, seed });
    for (let i = 0; i < data.length; i++) graph.insert(i);
    return graph;
  };
  const graph = build(42);
  const queries = clusteredVectors(100, d, 12, 7 + 1).map(unit);
  const recall = (g: HnswIndex) => {
    let found = 0;
    for (const q of queries) {
      const truth = new Set(exact.search(q, 10).map((h) => h.index));
      found += g.search(q, 10, 64).filter((h) => truth.has(h.index)).length;
    }
    return found / (queries.length * 10);
  };

  it('reaches recall@10 ≥ 0.95 against exact search', () => {
    expect(recall(graph)).toBeGreaterThanOrEqual(0.95);
  });

  it('reaches it with the JavaScript kernel too', { timeout: 60_000 }, () => {
    const js = new ExactIndex(d, { kernel: 'js', capacity: data.length });
    for (const v of data) js.add(v);
    expect(recall(build(42, js.store))).toBeGreaterThanOrEqual(0.95);
  });

  it('scores hits with their true cosine', () => {
    const q = queries[0]!;
    for (const h of graph.search(q, 5)) {
      expect(h.score).toBeCloseTo(
        exact.store.row(h.index).reduce((s, x, j) => s + x * q[j]!, 0),
        5,
      );
    }
  });

  it('builds the same graph from the same seed', { timeout: 60_000 }, () => {
    expect(build(42).exportGraph()).toEqual(graph.exportGraph());
    expect(build(43).exportGraph().levels).not.toEqual(graph.exportGraph().levels);
  });

  it('answers identically after export and import', () => {
    const copy = HnswIndex.importGraph(exact.store, graph.exportGraph());
    for (const q of queries.slice(0, 10)) expect(copy.search(q, 10)).toEqual(graph.search(q, 10));
  });

  it('refuses a damaged graph with INDEX_CORRUPT', async () => {
    const g = graph.exportGraph();
    g.links0[1] = 99_999;
    await expectRejectsWith(
      () => HnswIndex.importGraph(exact.store, g),
      'INDEX_CORRUPT',
      /link target/,
    );
    const h = graph.exportGraph();
    await expectRejectsWith(
      () => HnswIndex.importGraph(exact.store, { ...h, upper: h.upper.subarray(1) }),
      'INDEX_CORRUPT',
    );
  });

  it('checks its options', async () => {
    await expectRejectsWith(
      () => new HnswIndex(exact.store, { M: 1 }),
      'INVALID_ARGUMENT',
      /M must be/,
    );
    await expectRejectsWith(
      () => new HnswIndex(exact.store, { efSearch: 0 }),
      'INVALID_ARGUMENT',
      /efSearch/,
    );
  });
});

describe('reciprocalRankFusion', () => {
  it('adds 1 / (60 + rank) over the rankings', () => {
    const fused = reciprocalRankFusion(
      [
        [
          { index: 7, score: 0.9 },
          { index: 3, score: 0.8 },
        ],
        [
          { index: 3, score: 12 },
          { index: 5, score: 4 },
        ],
      ],
      3,
    );
    expect(fused.map((f) => f.index)).toEqual([3, 7, 5]);
    expect(fused[0]!.score).toBeCloseTo(1 / 62 + 1 / 61, 12);
    expect(fused[1]!.score).toBeCloseTo(1 / 61, 12);
    expect(fused[2]!.score).toBeCloseTo(1 / 62, 12);
  });
});

describe('maximalMarginalRelevance', () => {
  const candidates = [
    { index: 0, score: 1 },
    { index: 1, score: 0.99 },
    { index: 2, score: 0.5 },
  ];
  // 0 and 1 are near duplicates; 2 is unlike both.
  const similarity = (a: number, b: number) => (a !== 2 && b !== 2 ? 0.98 : 0);

  it('keeps relevance order at λ = 1', () => {
    expect(maximalMarginalRelevance(candidates, 3, 1, similarity).map((c) => c.index)).toEqual([
      0, 1, 2,
    ]);
  });

  it('skips a near duplicate at λ = 0.3 and keeps the original scores', () => {
    const picked = maximalMarginalRelevance(candidates, 2, 0.3, similarity);
    expect(picked).toEqual([candidates[0], candidates[2]]);
  });
});
