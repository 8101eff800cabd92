/** Factor values with three significant decimals, the precision ecco users read. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && Math.abs(v) < 0.001) return v.toExponential(1);
  return v.toFixed(3);
}

/** A share (0–1) as a whole percentage. */
export function formatPercent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** A score such as a correlation, signed, two decimals. */
export function formatScore(score: number): string {
  return score.toFixed(2);
}

/** A token's text in quotes for labels and announcements. */
export function quoteToken(text: string): string {
  return `“${text}”`;
}
