import { seededRandom } from '@explainable-ecco/core';
import { type Range, selectWindows } from '../records/windows.js';

export interface ScoringWindowOptions {
  /** Tokens on each side of a peak, as in records (default 8). */
  radius?: number;
  /** Windows around the strongest values not shown to the explainer (default 4). */
  topWindows?: number;
  /** Windows at random places of the same text (default 4). */
  randomWindows?: number;
  seed?: number;
}

export interface ScoringWindows {
  top: Range[];
  random: Range[];
  /** True when no scoring window overlaps what the explainer was shown. */
  heldOut: boolean;
}

function overlaps(a: Range, b: Range): boolean {
  return a[0] < b[1] && b[0] < a[1];
}

/** Cuts [0, n) into consecutive chunks of `size` (the last may be shorter). */
function chunks(n: number, size: number): Range[] {
  const out: Range[] = [];
  for (let s = 0; s < n; s += size) out.push([s, Math.min(n, s + size)]);
  return out;
}

/**
 * The windows an explanation is scored on: top windows around the strongest values and random
 * windows of the same text, all disjoint from the windows the explainer saw (Bills et al. 2023
 * pool top and random excerpts). When the text is too short to hold any unseen window, the
 * whole text is scored in chunks and `heldOut` is false.
 */
export function scoringWindows(
  levels: ArrayLike<number>,
  shown: ReadonlyArray<Range>,
  options: ScoringWindowOptions = {},
): ScoringWindows {
  const radius = options.radius ?? 8;
  const size = 2 * radius + 1;
  const n = levels.length;
  const top = selectWindows(levels, {
    radius,
    maxWindows: options.topWindows ?? 4,
    exclude: shown,
  });
  const taken: Range[] = [...shown, ...top];
  const starts: number[] = [];
  for (let s = 0; s + size <= n; s++) {
    if (!taken.some((t) => overlaps([s, s + size], t))) starts.push(s);
  }
  const random: Range[] = [];
  const rand = seededRandom(options.seed ?? 0);
  const wanted = options.randomWindows ?? 4;
  while (random.length < wanted && starts.length > 0) {
    const s = starts[Math.floor(rand() * starts.length)]!;
    const w: Range = [s, s + size];
    random.push(w);
    // Remove every start whose window would overlap the one just taken.
    for (let i = starts.length - 1; i >= 0; i--) {
      if (overlaps([starts[i]!, starts[i]! + size], w)) starts.splice(i, 1);
    }
  }
  random.sort((a, b) => a[0] - b[0]);
  if (top.length + random.length === 0) {
    return { top: chunks(n, size), random: [], heldOut: false };
  }
  return { top, random, heldOut: true };
}
