import type { PackExample } from './types.js';

/** Word 3-grams: robust to small edits, blind to case and punctuation. */
const SHINGLE_WORDS = 3;

/** The set of word shingles of a text (whole words when the text is shorter than a shingle). */
export function shingles(text: string): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const out = new Set<string>();
  if (words.length < SHINGLE_WORDS) {
    if (words.length > 0) out.add(words.join(' '));
    return out;
  }
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) {
    out.add(words.slice(i, i + SHINGLE_WORDS).join(' '));
  }
  return out;
}

/** |A ∩ B| / |A ∪ B|; two empty sets are identical (1). */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const s of small) if (large.has(s)) shared++;
  return shared / (a.size + b.size - shared);
}

/** Everything an example contributes to the prompt, as one text for comparison. */
export function exampleText(example: PackExample): string {
  return [example.text ?? '', ...(example.messages ?? []).map((m) => m.content)].join('\n');
}
