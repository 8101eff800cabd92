/**
 * Maps a factor's values onto 0–10 with one scale for the whole factor:
 * floor(10 · relu(v) / max), as Bills et al. (2023). A factor with no positive value is all 0.
 * `max` defaults to the factor's own maximum; pass it to discretise a slice on the factor's scale.
 */
export function discretize(values: ArrayLike<number>, max = maxPositive(values)): number[] {
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    out[i] = max > 0 && v > 0 ? Math.min(10, Math.floor((10 * v) / max)) : 0;
  }
  return out;
}

export function maxPositive(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > m) m = values[i]!;
  return m;
}
