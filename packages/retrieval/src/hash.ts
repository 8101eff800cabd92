/** FNV-1a, 32-bit, over the UTF-16 code units of a string: fast, stable across platforms. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A 64-bit content fingerprint as 16 hex digits (two independent FNV-1a passes). */
export function fingerprint(text: string): string {
  const a = fnv1a(text).toString(16).padStart(8, '0');
  const b = fnv1a(text, 0x9747b28c).toString(16).padStart(8, '0');
  return a + b;
}
