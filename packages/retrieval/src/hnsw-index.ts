import { EccoError, seededRandom } from '@explainable-ecco/core';
import { DistanceHeap } from './distance-heap.js';
import type { ScoredIndex } from './top-k.js';
import type { VectorStore } from './vector-store.js';

/** Parameters of the graph (Malkov & Yashunin 2018): degree, and beam widths for build and query. */
export interface HnswOptions {
  /** Links per node on upper layers; layer 0 keeps twice as many (default 16). */
  M?: number;
  /** Beam width while inserting: higher builds slower and finds better links (default 200). */
  efConstruction?: number;
  /** Default beam width while searching: higher is slower and more exact (default 64). */
  efSearch?: number;
  /** Seed of the level draws, so a build is reproducible (default 42). */
  seed?: number;
}

/** The graph as plain typed arrays, for saving. */
export interface HnswGraph {
  M: number;
  efConstruction: number;
  efSearch: number;
  seed: number;
  count: number;
  entry: number;
  maxLevel: number;
  levels: Uint8Array;
  /** count × (2M + 1): per node, the number of links then the links, on layer 0. */
  links0: Int32Array;
  /** For each node with level L > 0, in node order: L × (M + 1) entries laid out like links0. */
  upper: Int32Array;
}

const MAX_LEVEL = 16;

/** Allowed range of each HNSW setting: [min, max], integers. */
export const HNSW_SETTING_RANGES = {
  M: [2, 256],
  efConstruction: [1, 100_000],
  efSearch: [1, 100_000],
  seed: [0, 2 ** 32 - 1],
} as const satisfies Record<keyof HnswOptions, readonly [number, number]>;

/** The first HNSW setting outside its range, as a sentence; undefined when all are fine. */
export function hnswSettingProblem(options: HnswOptions): string | undefined {
  for (const [name, [min, max]] of Object.entries(HNSW_SETTING_RANGES)) {
    const value = options[name as keyof HnswOptions];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < min || value > max) {
      return `HNSW option ${name} must be an integer from ${min} to ${max}, got ${String(value)}.`;
    }
  }
  return undefined;
}

/**
 * Hierarchical navigable small-world graph (Malkov & Yashunin 2018) over the unit vectors of a
 * VectorStore, in TypeScript over typed arrays so it runs the same in Node and browsers; the
 * store computes dot products in batches (WebAssembly SIMD where available).
 * Distances are 1 − cosine. Insert-only.
 */
export class HnswIndex {
  readonly M: number;
  readonly maxM0: number;
  readonly efConstruction: number;
  efSearch: number;
  readonly seed: number;
  private readonly random: () => number;
  private levels: Uint8Array;
  private links0: Int32Array;
  private upper: Array<Int32Array | undefined> = [];
  private visited: Uint32Array;
  private visitTag = 0;
  private entry = -1;
  private maxLevel = -1;
  private count = 0;
  private readonly candidates = new DistanceHeap();
  private readonly results = new DistanceHeap();
  private foundIds = new Int32Array(64);
  private foundDists = new Float64Array(64);

  constructor(
    readonly store: VectorStore,
    options: HnswOptions = {},
  ) {
    const problem = hnswSettingProblem(options);
    if (problem) throw new EccoError('INVALID_ARGUMENT', problem);
    this.M = options.M ?? 16;
    this.maxM0 = 2 * this.M;
    this.efConstruction = options.efConstruction ?? 200;
    this.efSearch = options.efSearch ?? 64;
    this.seed = options.seed ?? 42;
    this.random = seededRandom(this.seed);
    this.levels = new Uint8Array(16);
    this.links0 = new Int32Array(16 * (this.maxM0 + 1));
    this.visited = new Uint32Array(16);
  }

  get size(): number {
    return this.count;
  }

  /** Inserts row `node` of the store; rows must be inserted in order 0, 1, 2, … */
  insert(node: number): void {
    if (node !== this.count) {
      throw new EccoError(
        'INTERNAL',
        `HNSW rows must be inserted in order: expected ${this.count}, got ${node}.`,
      );
    }
    if (node >= this.store.size) {
      throw new EccoError('INTERNAL', `HNSW row ${node} is not in the vector store yet.`);
    }
    this.ensureCapacity(node + 1);
    const level = Math.min(MAX_LEVEL, Math.floor(-Math.log(1 - this.random()) / Math.log(this.M)));
    this.levels[node] = level;
    this.links0[node * (this.maxM0 + 1)] = 0;
    this.upper[node] = level > 0 ? new Int32Array(level * (this.M + 1)) : undefined;
    this.count++;
    if (this.entry < 0) {
      this.entry = node;
      this.maxLevel = level;
      return;
    }
    let ep = this.entry;
    let epDist = 1 - this.store.dot(ep, node);
    for (let l = this.maxLevel; l > level; l--) {
      [ep, epDist] = this.greedy(node, ep, epDist, l);
    }
    for (let l = Math.min(level, this.maxLevel); l >= 0; l--) {
      const n = this.searchLayer(node, ep, epDist, this.efConstruction, l);
      const ids = this.foundIds.slice(0, n);
      const dists = this.foundDists.slice(0, n);
      const selected = this.selectNeighbors(ids, dists, n, this.M);
      const [links, base] = this.linksOf(node, l);
      links[base] = selected.length;
      selected.forEach((s, j) => {
        links[base + 1 + j] = s;
      });
      for (const s of selected) this.connect(s, node, l);
      ep = ids[0]!;
      epDist = dists[0]!;
    }
    if (level > this.maxLevel) {
      this.maxLevel = level;
      this.entry = node;
    }
  }

  /** The `k` rows nearest to a unit `query`, best first; `ef` widens the beam (default efSearch). */
  search(query: Float32Array, k: number, ef = this.efSearch): ScoredIndex[] {
    if (this.entry < 0 || k <= 0) return [];
    this.store.setQuery(query);
    let ep = this.entry;
    let epDist = this.queryDistance(ep);
    for (let l = this.maxLevel; l > 0; l--) [ep, epDist] = this.greedy(-1, ep, epDist, l);
    const n = this.searchLayer(-1, ep, epDist, Math.max(ef, k), 0);
    const out: ScoredIndex[] = [];
    for (let i = 0; i < Math.min(k, n); i++)
      out.push({ index: this.foundIds[i]!, score: 1 - this.foundDists[i]! });
    return out;
  }

  exportGraph(): HnswGraph {
    const upperLength = this.upper.slice(0, this.count).reduce((s, u) => s + (u?.length ?? 0), 0);
    const upper = new Int32Array(upperLength);
    let o = 0;
    for (let i = 0; i < this.count; i++) {
      const u = this.upper[i];
      if (u) {
        upper.set(u, o);
        o += u.length;
      }
    }
    return {
      M: this.M,
      efConstruction: this.efConstruction,
      efSearch: this.efSearch,
      seed: this.seed,
      count: this.count,
      entry: this.entry,
      maxLevel: this.maxLevel,
      levels: this.levels.slice(0, this.count),
      links0: this.links0.slice(0, this.count * (this.maxM0 + 1)),
      upper,
    };
  }

  /** Rebuilds an index from a saved graph; throws `INDEX_CORRUPT` when the arrays do not fit together. */
  static importGraph(store: VectorStore, g: HnswGraph): HnswIndex {
    const corrupt = (why: string) =>
      new EccoError('INDEX_CORRUPT', `The saved HNSW graph is damaged (${why}).`, {
        hint: 'Rebuild the index (ExampleRetriever.create) and save it again.',
      });
    const settings = {
      M: g.M,
      efConstruction: g.efConstruction,
      efSearch: g.efSearch,
      seed: g.seed,
    };
    const problem = hnswSettingProblem(settings);
    if (problem) throw corrupt(`settings: ${problem}`);
    for (const name of ['count', 'entry', 'maxLevel'] as const) {
      if (!Number.isInteger(g[name])) throw corrupt(`${name} is not an integer`);
    }
    const index = new HnswIndex(store, settings);
    const stride0 = index.maxM0 + 1;
    if (g.count !== store.size) {
      throw corrupt(`${g.count} nodes for ${store.size} vectors`);
    }
    if (g.levels.length !== g.count || g.links0.length !== g.count * stride0)
      throw corrupt('array sizes');
    if (g.count > 0 && (g.entry < 0 || g.entry >= g.count || g.levels[g.entry] !== g.maxLevel))
      throw corrupt('entry point');
    index.ensureCapacity(g.count);
    index.levels.set(g.levels);
    index.links0.set(g.links0);
    let o = 0;
    for (let i = 0; i < g.count; i++) {
      const level = g.levels[i]!;
      if (level > MAX_LEVEL || level > g.maxLevel) throw corrupt(`level of node ${i}`);
      if (level > 0) {
        const size = level * (index.M + 1);
        if (o + size > g.upper.length) throw corrupt('upper layers too short');
        index.upper[i] = g.upper.slice(o, o + size);
        o += size;
      }
    }
    if (o !== g.upper.length) throw corrupt('upper layers too long');
    index.checkLinks(g.count, corrupt);
    index.count = g.count;
    index.entry = g.count > 0 ? g.entry : -1;
    index.maxLevel = g.count > 0 ? g.maxLevel : -1;
    return index;
  }

  private checkLinks(count: number, corrupt: (why: string) => Error): void {
    const check = (links: Int32Array, base: number, max: number) => {
      const n = links[base]!;
      if (n < 0 || n > max) throw corrupt('link count');
      for (let j = 1; j <= n; j++) {
        const t = links[base + j]!;
        if (t < 0 || t >= count) throw corrupt('link target');
      }
    };
    for (let i = 0; i < count; i++) {
      check(this.links0, i * (this.maxM0 + 1), this.maxM0);
      const u = this.upper[i];
      if (u) for (let b = 0; b < u.length; b += this.M + 1) check(u, b, this.M);
    }
  }

  /** 1 − cosine between row `node` and the query area of the store. */
  private queryDistance(node: number): number {
    const store = this.store;
    store.i32[store.idsOffset] = node;
    store.dotsIds(-1, 1);
    return 1 - store.f32[store.outOffset]!;
  }

  /** [array, offset] of a node's link list on a layer: count at offset, links after it. */
  private linksOf(node: number, level: number): [Int32Array, number] {
    if (level === 0) return [this.links0, node * (this.maxM0 + 1)];
    return [this.upper[node]!, (level - 1) * (this.M + 1)];
  }

  /** Walks to the closest node on an upper layer, one improving step at a time. `query` is a row, or −1 for the query area. */
  private greedy(query: number, ep: number, epDist: number, level: number): [number, number] {
    const store = this.store;
    let changed = true;
    while (changed) {
      changed = false;
      const [links, base] = this.linksOf(ep, level);
      const n = links[base]!;
      if (n === 0) break;
      const { i32, f32, idsOffset, outOffset } = store;
      for (let j = 0; j < n; j++) i32[idsOffset + j] = links[base + 1 + j]!;
      store.dotsIds(query, n);
      for (let j = 0; j < n; j++) {
        const d = 1 - f32[outOffset + j]!;
        if (d < epDist) {
          epDist = d;
          ep = i32[idsOffset + j]!;
          changed = true;
        }
      }
    }
    return [ep, epDist];
  }

  /** Beam search on one layer; leaves the `ef` closest in foundIds/foundDists, ascending; returns how many. */
  private searchLayer(
    query: number,
    ep: number,
    epDist: number,
    ef: number,
    level: number,
  ): number {
    const tag = this.nextVisitTag();
    const visited = this.visited;
    const candidates = this.candidates;
    const results = this.results;
    const store = this.store;
    const { i32, f32, idsOffset, outOffset } = store;
    candidates.clear();
    results.clear();
    visited[ep] = tag;
    candidates.push(epDist, ep);
    results.push(-epDist, ep);
    while (candidates.size > 0) {
      const cDist = candidates.topKey();
      if (results.size >= ef && cDist > -results.topKey()) break;
      const c = candidates.topId();
      candidates.pop();
      const [links, base] = this.linksOf(c, level);
      const n = links[base]!;
      // Gather the unvisited neighbours, then score them in one kernel call.
      let m = 0;
      for (let j = 1; j <= n; j++) {
        const t = links[base + j]!;
        if (visited[t] === tag) continue;
        visited[t] = tag;
        i32[idsOffset + m++] = t;
      }
      if (m === 0) continue;
      store.dotsIds(query, m);
      for (let j = 0; j < m; j++) {
        const dist = 1 - f32[outOffset + j]!;
        if (results.size < ef || dist < -results.topKey()) {
          const t = i32[idsOffset + j]!;
          candidates.push(dist, t);
          results.push(-dist, t);
          if (results.size > ef) results.pop();
        }
      }
    }
    const n = results.size;
    if (this.foundIds.length < n) {
      this.foundIds = new Int32Array(n * 2);
      this.foundDists = new Float64Array(n * 2);
    }
    for (let i = n - 1; i >= 0; i--) {
      this.foundIds[i] = results.topId();
      this.foundDists[i] = -results.topKey();
      results.pop();
    }
    return n;
  }

  /**
   * The neighbour heuristic: take candidates nearest first, skipping any that is closer to an
   * already chosen neighbour than to the base, so links spread in different directions.
   */
  private selectNeighbors(ids: Int32Array, dists: Float64Array, n: number, m: number): number[] {
    const chosen: number[] = [];
    const store = this.store;
    for (let i = 0; i < n && chosen.length < m; i++) {
      const c = ids[i]!;
      // Cosines of c with everything chosen so far, in one kernel call.
      const { i32, f32, idsOffset, outOffset } = store;
      for (let j = 0; j < chosen.length; j++) i32[idsOffset + j] = chosen[j]!;
      if (chosen.length > 0) store.dotsIds(c, chosen.length);
      let good = true;
      for (let j = 0; j < chosen.length; j++) {
        if (1 - f32[outOffset + j]! < dists[i]!) {
          good = false;
          break;
        }
      }
      if (good) chosen.push(c);
    }
    return chosen;
  }

  /** Links `from` → `to` on a layer, re-selecting `from`'s links when the list is full. */
  private connect(from: number, to: number, level: number): void {
    const max = level === 0 ? this.maxM0 : this.M;
    const [links, base] = this.linksOf(from, level);
    const n = links[base]!;
    if (n < max) {
      links[base + 1 + n] = to;
      links[base] = n + 1;
      return;
    }
    const ids = new Int32Array(n + 1);
    const dists = new Float64Array(n + 1);
    const store = this.store;
    for (let j = 0; j <= n; j++) {
      ids[j] = j < n ? links[base + 1 + j]! : to;
      store.i32[store.idsOffset + j] = ids[j]!;
    }
    store.dotsIds(from, n + 1);
    const order: number[] = [];
    for (let j = 0; j <= n; j++) {
      dists[j] = 1 - store.f32[store.outOffset + j]!;
      order.push(j);
    }
    order.sort((a, b) => dists[a]! - dists[b]!);
    const sortedIds = Int32Array.from(order, (j) => ids[j]!);
    const sortedDists = Float64Array.from(order, (j) => dists[j]!);
    const kept = this.selectNeighbors(sortedIds, sortedDists, n + 1, max);
    links[base] = kept.length;
    kept.forEach((k, j) => {
      links[base + 1 + j] = k;
    });
  }

  private nextVisitTag(): number {
    if (this.visitTag === 0xffffffff) {
      this.visited.fill(0);
      this.visitTag = 0;
    }
    return ++this.visitTag;
  }

  private ensureCapacity(n: number): void {
    if (n <= this.levels.length) return;
    const capacity = Math.max(n, this.levels.length * 2);
    const levels = new Uint8Array(capacity);
    levels.set(this.levels);
    this.levels = levels;
    const links0 = new Int32Array(capacity * (this.maxM0 + 1));
    links0.set(this.links0);
    this.links0 = links0;
    const visited = new Uint32Array(capacity);
    visited.set(this.visited);
    this.visited = visited;
  }
}
