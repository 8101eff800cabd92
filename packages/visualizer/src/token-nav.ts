/**
 * The token on the visual line above (`dir` -1) or below (+1) that sits closest horizontally,
 * so Up/Down move through the text as a reader sees it. Returns `from` at the first/last line.
 */
export function verticalNeighbour(spans: readonly Element[], from: number, dir: 1 | -1): number {
  const current = spans[from];
  if (!current) return from;
  const cur = current.getBoundingClientRect();
  const x = (cur.left + cur.right) / 2;
  const y = (cur.top + cur.bottom) / 2;
  const half = Math.max(1, cur.height / 2);
  let lineY: number | null = null;
  let best = from;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (let p = from + dir; p >= 0 && p < spans.length; p += dir) {
    const r = spans[p]!.getBoundingClientRect();
    const cy = (r.top + r.bottom) / 2;
    if (lineY === null) {
      if ((cy - y) * dir < half) continue; // still on the current line
      lineY = cy;
    } else if (Math.abs(cy - lineY) >= half) {
      break; // past the neighbouring line
    }
    const distance = Math.abs((r.left + r.right) / 2 - x);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = p;
    }
  }
  return best;
}
