import type { Embedder, Example, SearchMode } from '../src/index.js';
import { ExampleLibrary, ExampleRetriever } from '../src/index.js';

/** The group an example belongs to for relevance: same genre and same pattern. */
export const groupOf = (e: Example) => `${e.genre}/${e.pattern}`;

/**
 * A deterministic held-out split: from every genre/pattern group of two or more examples, the
 * first by id is held out as a query; everything else is indexed.
 */
export function heldOutSplit(library: ExampleLibrary): { queries: Example[]; indexed: Example[] } {
  const groups = new Map<string, Example[]>();
  for (const e of library.all()) groups.set(groupOf(e), [...(groups.get(groupOf(e)) ?? []), e]);
  const held = new Set<string>();
  for (const members of groups.values()) {
    if (members.length >= 2) held.add([...members].sort((a, b) => a.id.localeCompare(b.id))[0]!.id);
  }
  return {
    queries: library.all().filter((e) => held.has(e.id)),
    indexed: library.all().filter((e) => !held.has(e.id)),
  };
}

export interface RecallResult {
  mode: SearchMode;
  k: number;
  queries: number;
  /** Mean over queries of |relevant ∩ top k| / |relevant|. */
  recall: number;
  /** Share of queries with at least one relevant example in the top k. */
  hitRate: number;
}

/** recall@k of each mode when the held-out records are the queries. */
export async function heldOutRecall(
  embedder: Embedder,
  modes: readonly SearchMode[],
  k = 5,
  library = ExampleLibrary.builtin(),
): Promise<RecallResult[]> {
  const { queries, indexed } = heldOutSplit(library);
  const retriever = await ExampleRetriever.create({
    library: new ExampleLibrary(indexed),
    embedder,
  });
  const results: RecallResult[] = [];
  for (const mode of modes) {
    let recall = 0;
    let hits = 0;
    for (const q of queries) {
      const relevant = indexed.filter((e) => groupOf(e) === groupOf(q)).length;
      const found = await retriever.search(q.record, { k, mode });
      const good = found.filter((h) => groupOf(h.example) === groupOf(q)).length;
      recall += good / relevant;
      if (good > 0) hits++;
    }
    results.push({
      mode,
      k,
      queries: queries.length,
      recall: recall / queries.length,
      hitRate: hits / queries.length,
    });
  }
  return results;
}
