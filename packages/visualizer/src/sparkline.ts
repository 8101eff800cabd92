/** Width and height of the sparkline's coordinate system (stretched to the row by CSS). */
export const SPARK_WIDTH = 240;
export const SPARK_HEIGHT = 24;

/**
 * Columns of a sparkline: at most `SPARK_WIDTH`; longer sequences are bucketed by maximum so
 * a one-token peak never disappears.
 */
export function sparkColumns(intensity: ArrayLike<number>, width = SPARK_WIDTH): Float32Array {
  const n = intensity.length;
  if (n <= width) return Float32Array.from(intensity as ArrayLike<number>);
  const out = new Float32Array(width);
  for (let c = 0; c < width; c++) {
    const from = Math.floor((c * n) / width);
    const to = Math.max(from + 1, Math.floor(((c + 1) * n) / width));
    let m = 0;
    for (let p = from; p < to; p++) if (intensity[p]! > m) m = intensity[p]!;
    out[c] = m;
  }
  return out;
}

const round = (v: number) => Math.round(v * 100) / 100;

/**
 * An SVG path (`d`) of intensities in [0, 1] over positions, as a filled area closed along the
 * baseline. Pure numbers: nothing from the data reaches the markup as text.
 */
export function sparkPath(intensity: ArrayLike<number>): string {
  const cols = sparkColumns(intensity);
  const n = cols.length;
  if (n === 0) return '';
  const step = n > 1 ? SPARK_WIDTH / (n - 1) : 0;
  const y = (v: number) => round(SPARK_HEIGHT - Math.min(1, Math.max(0, v)) * (SPARK_HEIGHT - 1));
  let d = `M0,${SPARK_HEIGHT}`;
  for (let c = 0; c < n; c++) d += `L${round(c * step)},${y(cols[c]!)}`;
  if (n === 1) d += `L${SPARK_WIDTH},${y(cols[0]!)}`;
  return `${d}L${SPARK_WIDTH},${SPARK_HEIGHT}Z`;
}

/** Horizontal position (0–1) of a token in the sparkline, for the hover cursor. */
export function sparkCursor(position: number, length: number): number {
  return length > 1 ? position / (length - 1) : 0.5;
}
