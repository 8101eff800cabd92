/**
 * Where a roving cursor moves for a navigation key, or null when the key does not navigate.
 * Movement stops at the ends (no wrap-around), as in WAI-ARIA listbox practice.
 */
export function moveCursor(
  key: string,
  current: number,
  count: number,
  { page = 10, horizontal = true, vertical = true } = {},
): number | null {
  if (count <= 0) return null;
  const clamp = (i: number) => Math.min(count - 1, Math.max(0, i));
  switch (key) {
    case 'ArrowDown':
      return vertical ? clamp(current + 1) : null;
    case 'ArrowUp':
      return vertical ? clamp(current - 1) : null;
    case 'ArrowRight':
      return horizontal ? clamp(current + 1) : null;
    case 'ArrowLeft':
      return horizontal ? clamp(current - 1) : null;
    case 'PageDown':
      return clamp(current + page);
    case 'PageUp':
      return clamp(current - page);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** True for the keys that activate the focused item (lock or unlock a factor). */
export function isActivationKey(key: string): boolean {
  return key === 'Enter' || key === ' ' || key === 'Spacebar';
}
