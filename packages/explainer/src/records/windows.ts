/** A half-open [start, end) range of positions. */
export type Range = [number, number];

export interface WindowOptions {
  /** Tokens kept on each side of a peak (default 8, so windows of 17 tokens). */
  radius?: number;
  /** At most this many windows (default 4); merging may leave fewer. */
  maxWindows?: number;
  /** Positions that may not be a window's peak nor inside a window (e.g. already shown). */
  exclude?: ReadonlyArray<Range>;
}

/**
 * Windows of ±radius tokens around the highest values, strongest first; windows that overlap
 * or touch are merged, and the result is sorted by position. Positions with value ≤ 0 are
 * never peaks, so a silent factor gets no windows.
 */
export function selectWindows(values: ArrayLike<number>, options: WindowOptions = {}): Range[] {
  const radius = options.radius ?? 8;
  const maxWindows = options.maxWindows ?? 4;
  const n = values.length;
  const blocked = new Array<boolean>(n).fill(false);
  for (const [s, e] of options.exclude ?? []) {
    for (let p = Math.max(0, s); p < Math.min(n, e); p++) blocked[p] = true;
  }
  const peaks = Array.from({ length: n }, (_, i) => i)
    .filter((i) => values[i]! > 0 && !blocked[i])
    .sort((a, b) => values[b]! - values[a]! || a - b);
  const windows: Range[] = [];
  for (const p of peaks) {
    if (windows.length >= maxWindows) break;
    if (windows.some(([s, e]) => p >= s && p < e)) continue;
    // Grow from the peak until the radius or a blocked position, so excluded spans stay unseen.
    let start = p;
    while (start > 0 && p - start < radius && !blocked[start - 1]) start--;
    let end = p + 1;
    while (end < n && end - p <= radius && !blocked[end]) end++;
    windows.push([start, end]);
  }
  return mergeRanges(windows);
}

/** Sorts ranges and merges those that overlap or touch. */
export function mergeRanges(ranges: ReadonlyArray<Range>): Range[] {
  const sorted = ranges.map((r) => [r[0], r[1]] as Range).sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push(r);
  }
  return out;
}
