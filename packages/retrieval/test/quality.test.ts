import { describe, expect, it } from 'vitest';
import { groupOf, heldOutRecall, heldOutSplit } from '../bench/held-out.js';
import { createOfflineEmbedder, ExampleLibrary } from '../src/index.js';

// Guards against regressions in what retrieval finds; bench/quality.ts reports the full numbers.
describe('held-out retrieval quality of the builtin library (offline embedder)', () => {
  const library = ExampleLibrary.builtin();

  it('holds out one example of every genre/pattern group and indexes the rest', () => {
    const { queries, indexed } = heldOutSplit(library);
    const groups = new Set(library.all().map(groupOf));
    expect(queries).toHaveLength(groups.size);
    expect(new Set(queries.map(groupOf)).size).toBe(groups.size);
    expect(indexed).toHaveLength(library.size - queries.length);
    expect(indexed.some((e) => queries.includes(e))).toBe(false);
  });

  it('finds same genre-and-pattern examples far above chance in every mode', async () => {
    const { indexed } = heldOutSplit(library);
    const chance = 5 / indexed.length;
    const results = await heldOutRecall(
      createOfflineEmbedder(),
      ['lexical', 'exact', 'hybrid', 'hnsw'],
      5,
      library,
    );
    for (const r of results) {
      expect(r.recall, r.mode).toBeGreaterThan(6 * chance);
      expect(r.hitRate, r.mode).toBeGreaterThanOrEqual(0.85);
    }
  });
});
