import type { TokenCounter } from './types.js';

/** Marks where text was cut out, so neither a reader nor a model mistakes it for the original. */
export const TRUNCATION_MARKER = '\n[…]\n';

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** Keeps `keep` UTF-16 units of `text`, half from each end, never splitting a surrogate pair. */
export function middleCut(text: string, keep: number): string {
  if (keep >= text.length) return text;
  let head = Math.ceil(keep / 2);
  let tailStart = text.length - (keep - head);
  if (head > 0 && isHighSurrogate(text.charCodeAt(head - 1))) head--;
  if (tailStart < text.length && isHighSurrogate(text.charCodeAt(tailStart - 1))) tailStart++;
  return text.slice(0, head) + TRUNCATION_MARKER + text.slice(tailStart);
}

/**
 * The longest middle cut of `text` that `fits` accepts (the text itself when it fits), or
 * `undefined` when nothing of the text would survive. Binary search: token counts grow with
 * the kept length, and the caller verifies the result anyway.
 */
export function longestFittingCut(
  text: string,
  fits: (candidate: string) => boolean,
): string | undefined {
  if (fits(text)) return text;
  let lo = 0;
  let hi = text.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(middleCut(text, mid))) lo = mid;
    else hi = mid - 1;
  }
  const cut = middleCut(text, lo);
  return cut === middleCut(text, 0) || !fits(cut) ? undefined : cut;
}

/**
 * Cuts the middle out of `text` so that it counts at most `maxTokens`, keeping its beginning
 * and end. Same signature as `PackOptions.truncateQuery`, for callers that wrap it.
 */
export function truncateMiddle(text: string, maxTokens: number, counter: TokenCounter): string {
  return longestFittingCut(text, (t) => counter.count(t) <= maxTokens) ?? '';
}
