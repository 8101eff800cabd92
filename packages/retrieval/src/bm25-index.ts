import type { ScoredIndex } from './top-k.js';
import { TopK } from './top-k.js';

export interface Bm25Options {
  /** Term-frequency saturation (default 1.2). */
  k1?: number;
  /** Length normalisation, 0–1 (default 0.75). */
  b?: number;
}

/** Okapi BM25 over documents given as term lists; postings in flat arrays per term. */
export class Bm25Index {
  private readonly k1: number;
  private readonly b: number;
  private readonly postings = new Map<string, { docs: number[]; tfs: number[] }>();
  private readonly lengths: number[] = [];
  private totalLength = 0;

  constructor(options: Bm25Options = {}) {
    this.k1 = options.k1 ?? 1.2;
    this.b = options.b ?? 0.75;
  }

  get size(): number {
    return this.lengths.length;
  }

  /** Adds a document; its index is the number of documents added before it. */
  add(terms: readonly string[]): number {
    const doc = this.lengths.length;
    const counts = new Map<string, number>();
    for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const [term, tf] of counts) {
      let p = this.postings.get(term);
      if (!p) {
        p = { docs: [], tfs: [] };
        this.postings.set(term, p);
      }
      p.docs.push(doc);
      p.tfs.push(tf);
    }
    this.lengths.push(terms.length);
    this.totalLength += terms.length;
    return doc;
  }

  /**
   * The `k` best documents for the query terms (each distinct term counted once), best first.
   * `allow` restricts the candidates; documents sharing no term with the query are not returned.
   */
  search(terms: readonly string[], k: number, allow?: (doc: number) => boolean): ScoredIndex[] {
    const n = this.lengths.length;
    if (n === 0 || k <= 0) return [];
    const avgLength = this.totalLength / n || 1;
    const scores = new Float64Array(n);
    const touched: number[] = [];
    for (const term of new Set(terms)) {
      const p = this.postings.get(term);
      if (!p) continue;
      const df = p.docs.length;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      for (let j = 0; j < df; j++) {
        const doc = p.docs[j]!;
        const tf = p.tfs[j]!;
        const norm = tf + this.k1 * (1 - this.b + (this.b * this.lengths[doc]!) / avgLength);
        if (scores[doc] === 0) touched.push(doc);
        scores[doc] += (idf * tf * (this.k1 + 1)) / norm;
      }
    }
    const top = new TopK(k);
    for (const doc of touched) {
      if (!allow || allow(doc)) top.push(doc, scores[doc]!);
    }
    return top.sorted();
  }
}
