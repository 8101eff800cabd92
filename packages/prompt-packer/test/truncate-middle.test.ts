import { describe, expect, it } from 'vitest';
import { createOpenAiCounter, TRUNCATION_MARKER, truncateMiddle } from '../src/index.js';

describe('truncateMiddle', () => {
  it('keeps both ends, marks the cut, and fits the token limit as closely as it can', async () => {
    const counter = await createOpenAiCounter('o200k_base');
    const text = Array.from({ length: 500 }, (_, i) => `tok${i}(${i % 11})`).join(' ');
    const cut = truncateMiddle(text, 100, counter);
    expect(counter.count(cut)).toBeLessThanOrEqual(100);
    expect(counter.count(cut)).toBeGreaterThanOrEqual(97);
    expect(cut.startsWith('tok0(0)')).toBe(true);
    expect(cut.endsWith('tok499(4)')).toBe(true);
    expect(cut).toContain(TRUNCATION_MARKER);
  });

  it('returns text that already fits unchanged', async () => {
    const counter = await createOpenAiCounter('o200k_base');
    expect(truncateMiddle('short text', 10, counter)).toBe('short text');
  });

  it('never splits a surrogate pair', async () => {
    const counter = await createOpenAiCounter('cl100k_base');
    const text = '🧠'.repeat(300);
    for (const limit of [10, 11, 37, 100]) {
      const cut = truncateMiddle(text, limit, counter);
      expect(cut.replace(TRUNCATION_MARKER, '')).toMatch(/^(🧠)*$/u);
      expect(counter.count(cut)).toBeLessThanOrEqual(limit);
    }
  });

  it('gives up (empty string) when not even the marker and one character fit', async () => {
    const counter = await createOpenAiCounter('o200k_base');
    expect(truncateMiddle('a long enough text to need cutting', 2, counter)).toBe('');
  });
});
