import { describe, expect, it } from 'vitest';
import { type Explanation, fromEccoJson, toResultEntry } from '../src/index.js';
import { readEccoBert } from './shared-fixtures.js';

describe('toResultEntry', () => {
  it('keeps tokens, factors and one explanation per factor, dropping internals', () => {
    const f = fromEccoJson(readEccoBert());
    const explanations: Explanation[] = f.factors.map((_, factor) => ({
      factor,
      text: `factor ${factor}`,
      provider: 'heuristic',
      score: factor / 10,
      record: { tokens: [{ text: 'x', value: 10 }] },
    }));
    const entry = toResultEntry('bert', 'ecco file', f, explanations, { explain: 12 });
    expect(entry.tokens).toBe(f.tokens);
    expect(entry.factors).toEqual(f.factors);
    expect(entry.components).toBe(8);
    expect(entry.explanations[3]).toEqual({
      factor: 3,
      text: 'factor 3',
      provider: 'heuristic',
      score: 0.3,
    });
    expect('layers' in entry).toBe(false);
    expect(JSON.parse(JSON.stringify(entry))).toEqual(entry);
  });
});
