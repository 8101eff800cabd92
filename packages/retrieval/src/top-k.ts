/** A result of any index: the position of an item and how well it matches (higher is better). */
export interface ScoredIndex {
  index: number;
  score: number;
}

/**
 * Keeps the `k` highest scores seen (a size-bounded min-heap), ties broken toward the lower index
 * so results are deterministic.
 */
export class TopK {
  private readonly indices: Int32Array;
  private readonly scores: Float64Array;
  private length = 0;

  constructor(readonly k: number) {
    this.indices = new Int32Array(Math.max(0, k));
    this.scores = new Float64Array(Math.max(0, k));
  }

  /** The score an item must beat to enter (−∞ until full). */
  get threshold(): number {
    return this.length < this.k ? Number.NEGATIVE_INFINITY : this.scores[0]!;
  }

  push(index: number, score: number): void {
    if (this.k === 0) return;
    if (this.length < this.k) {
      this.indices[this.length] = index;
      this.scores[this.length] = score;
      this.siftUp(this.length++);
    } else if (this.worse(this.scores[0]!, this.indices[0]!, score, index)) {
      this.indices[0] = index;
      this.scores[0] = score;
      this.siftDown(0);
    }
  }

  /** Best first. */
  sorted(): ScoredIndex[] {
    const out: ScoredIndex[] = [];
    for (let i = 0; i < this.length; i++)
      out.push({ index: this.indices[i]!, score: this.scores[i]! });
    return out.sort((a, b) => b.score - a.score || a.index - b.index);
  }

  /** True when (sa, ia) ranks below (sb, ib). */
  private worse(sa: number, ia: number, sb: number, ib: number): boolean {
    return sa < sb || (sa === sb && ia > ib);
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (
        !this.worse(this.scores[i]!, this.indices[i]!, this.scores[parent]!, this.indices[parent]!)
      )
        break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (
        l < this.length &&
        this.worse(this.scores[l]!, this.indices[l]!, this.scores[m]!, this.indices[m]!)
      )
        m = l;
      if (
        r < this.length &&
        this.worse(this.scores[r]!, this.indices[r]!, this.scores[m]!, this.indices[m]!)
      )
        m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }

  private swap(a: number, b: number): void {
    const ti = this.indices[a]!;
    this.indices[a] = this.indices[b]!;
    this.indices[b] = ti;
    const ts = this.scores[a]!;
    this.scores[a] = this.scores[b]!;
    this.scores[b] = ts;
  }
}
