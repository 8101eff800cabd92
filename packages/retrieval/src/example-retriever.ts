import type { FactorRecord, TokenizerFamily } from '@explainable-ecco/core';
import { EccoError, isEccoError, throwIfAborted } from '@explainable-ecco/core';
import { Bm25Index } from './bm25-index.js';
import type { Embedder } from './embedder.js';
import { embedChecked } from './embedder.js';
import { ExactIndex, normalizedCopy } from './exact-index.js';
import type { Example } from './example.js';
import { ExampleLibrary } from './example-library.js';
import { fingerprint } from './hash.js';
import { HnswIndex, type HnswOptions } from './hnsw-index.js';
import { decodeIndex, encodeIndex, type SavedIndex } from './index-format.js';
import { lexicalTerms } from './lexical-terms.js';
import { maximalMarginalRelevance } from './mmr.js';
import { createOfflineEmbedder } from './offline-embedder.js';
import { reciprocalRankFusion } from './rank-fusion.js';
import { recordToText } from './record-text.js';
import { checkSearchOptions, hnswSettings, queryText, requireExamples } from './search-input.js';
import type { ScoredIndex } from './top-k.js';

export type SearchMode = 'exact' | 'lexical' | 'hybrid' | 'hnsw';
/** A retriever that can find an example: the search modes other than the fused 'hybrid'. */
export type RetrieverName = 'exact' | 'lexical' | 'hnsw';

export interface RetrieverOptions {
  /** Default: `ExampleLibrary.builtin()`. */
  library?: ExampleLibrary;
  /** Default: `createOfflineEmbedder()` (no model, no network). */
  embedder?: Embedder;
  /** Build the HNSW graph now, with these settings (otherwise it is built on the first 'hnsw' search). */
  hnsw?: HnswOptions | boolean;
  signal?: AbortSignal;
}

export interface SearchOptions {
  /** How many examples (default 5). */
  k?: number;
  /** 'hybrid' (default): dense + BM25 fused by reciprocal rank; 'exact': cosine; 'lexical': BM25; 'hnsw': approximate cosine. */
  mode?: SearchMode;
  /**
   * 0 (default) ranks by relevance alone; above 0 re-ranks with maximal marginal relevance,
   * trading relevance for variety: λ = 1 − diversity (1 = pick the least alike).
   */
  diversity?: number;
  /** Prefer examples written for this tokenizer; others only fill up when too few match. */
  tokenizerFamily?: TokenizerFamily;
  /** Only examples for which this returns true (e.g. to keep explain and score examples apart). */
  filter?: (example: Example) => boolean;
  /** Beam width of an 'hnsw' search (default: the graph's efSearch). */
  efSearch?: number;
  signal?: AbortSignal;
}

export interface SearchHit {
  example: Example;
  /** The retriever's score: cosine for 'exact'/'hnsw', BM25 for 'lexical', fused reciprocal rank for 'hybrid'. */
  score: number;
  /** 1-based position in the results. */
  rank: number;
  /** The mode searched (`options.mode`). */
  retriever: SearchMode;
  /**
   * Which retrievers found this example: for 'hybrid', 'exact' and/or 'lexical' (the rankings
   * it was fused from); for 'hnsw', ['hnsw'], or ['exact'] when a filter left the graph search
   * too few results and exact search filled in; otherwise the mode itself.
   */
  foundBy: RetrieverName[];
}

/** A ranked index with the retrievers that found it. */
interface Found extends ScoredIndex {
  foundBy: RetrieverName[];
}

const FUSION_DEPTH = 50;

/** The text embedded and indexed for an example: its record, plus its tags for free-text queries. */
export function exampleText(example: Example): string {
  const about = [example.genre, example.language, example.pattern].filter(Boolean).join(' ');
  return `${recordToText(example.record)}\nabout: ${about}`;
}

/**
 * Finds the examples most like a factor record (or a free-text query) in an example library,
 * by embeddings, BM25, both fused, or an HNSW graph; optionally diversified with MMR.
 */
export class ExampleRetriever {
  private readonly examples: Example[] = [];
  private readonly texts: string[] = [];
  private readonly exact: ExactIndex;
  private readonly bm25 = new Bm25Index();
  private hnsw: HnswIndex | undefined;
  private hnswBuild: Promise<HnswIndex> | undefined;
  private readonly hnswOptions: HnswOptions;

  private constructor(
    readonly embedder: Embedder,
    readonly libraryVersion: string,
    hnswOptions: HnswOptions,
  ) {
    this.exact = new ExactIndex(embedder.dimensions);
    this.hnswOptions = hnswOptions;
  }

  /** Embeds every example of the library (`EMPTY_LIBRARY` when it has none). */
  static async create(options: RetrieverOptions = {}): Promise<ExampleRetriever> {
    const library = options.library ?? ExampleLibrary.builtin();
    const embedder = options.embedder ?? createOfflineEmbedder();
    requireExamples(library);
    const retriever = new ExampleRetriever(embedder, library.version, hnswSettings(options.hnsw));
    const examples = library.all();
    const texts = examples.map(exampleText);
    const vectors = await embedChecked(embedder, texts, options.signal);
    for (const [i, e] of examples.entries()) retriever.insert(e, texts[i]!, vectors[i]!);
    if (options.hnsw) await retriever.ensureHnsw(options.signal);
    return retriever;
  }

  /**
   * Restores a retriever saved with `save()`. Vectors of examples whose text is unchanged are
   * reused; new or edited examples are embedded now. Throws `INDEX_CORRUPT`,
   * `INDEX_VERSION_UNSUPPORTED`, or `EMBEDDER_MISMATCH` when the index was built with another embedder.
   */
  static async load(
    bytes: Uint8Array,
    options: { library?: ExampleLibrary; embedder?: Embedder; signal?: AbortSignal },
  ): Promise<ExampleRetriever> {
    const saved = decodeIndex(bytes);
    const library = options.library ?? ExampleLibrary.builtin();
    const embedder = options.embedder ?? createOfflineEmbedder();
    if (saved.embedder.id !== embedder.id || saved.embedder.dimensions !== embedder.dimensions) {
      throw new EccoError(
        'EMBEDDER_MISMATCH',
        `The index was built with embedder ${saved.embedder.id} (${saved.embedder.dimensions} dimensions), not ${embedder.id} (${embedder.dimensions}).`,
        {
          hint: `Load it with the embedder it was built with, or rebuild it with ExampleRetriever.create({ embedder }).`,
          details: {
            saved: saved.embedder,
            given: { id: embedder.id, dimensions: embedder.dimensions },
          },
        },
      );
    }
    requireExamples(library);
    const retriever = new ExampleRetriever(embedder, library.version, saved.hnsw ?? {});
    const examples = library.all();
    const texts = examples.map(exampleText);
    const savedRows = new Map(saved.examples.map((s, row) => [s.id, { row, text: s.text }]));
    const d = embedder.dimensions;
    const missing = examples.flatMap((e, i) =>
      savedRows.get(e.id)?.text === fingerprint(texts[i]!) ? [] : [i],
    );
    const fresh = await embedChecked(
      embedder,
      missing.map((i) => texts[i]!),
      options.signal,
    );
    const freshByIndex = new Map(missing.map((i, j) => [i, fresh[j]!]));
    examples.forEach((e, i) => {
      const row = savedRows.get(e.id)?.row;
      const vector = freshByIndex.get(i) ?? saved.vectors.subarray(row! * d, (row! + 1) * d);
      retriever.insert(e, texts[i]!, vector, !freshByIndex.has(i));
    });
    const sameRows =
      missing.length === 0 &&
      examples.length === saved.examples.length &&
      examples.every((e, i) => saved.examples[i]!.id === e.id);
    if (saved.hnsw && sameRows) {
      retriever.hnsw = HnswIndex.importGraph(retriever.exact.store, saved.hnsw);
    } else if (saved.hnsw) {
      await retriever.ensureHnsw(options.signal);
    }
    return retriever;
  }

  get size(): number {
    return this.examples.length;
  }

  /** The examples searched, in index order. */
  all(): readonly Example[] {
    return this.examples;
  }

  /** Adds examples to this retriever's indexes (not to any library). */
  async add(examples: Example[], options: { signal?: AbortSignal } = {}): Promise<void> {
    const scratch = new ExampleLibrary(this.examples);
    scratch.add(...examples); // validates, and rejects ids already indexed
    const added = scratch.all().slice(this.examples.length);
    const texts = added.map(exampleText);
    const vectors = await embedChecked(this.embedder, texts, options.signal);
    for (const [i, e] of added.entries()) this.insert(e, texts[i]!, vectors[i]!);
  }

  async search(query: string | FactorRecord, options: SearchOptions = {}): Promise<SearchHit[]> {
    const { k, mode, diversity } = checkSearchOptions(options);
    const signal = options.signal;
    throwIfAborted(signal, 'Search');
    const text = queryText(query);
    const needsVector = mode !== 'lexical';
    const queryVector = needsVector
      ? normalizedCopy((await embedChecked(this.embedder, [text], signal))[0]!)
      : undefined;
    throwIfAborted(signal, 'Search');
    const terms = mode === 'lexical' || mode === 'hybrid' ? lexicalTerms(text) : [];
    const filter = options.filter;
    const family = options.tokenizerFamily;
    const allowed = (i: number) => !filter || filter(this.examples[i]!);
    const groups: Array<(i: number) => boolean> = family
      ? [
          (i) => this.examples[i]!.tokenizerFamily === family && allowed(i),
          (i) => this.examples[i]!.tokenizerFamily !== family && allowed(i),
        ]
      : [allowed];
    const hits: Found[] = [];
    for (const allow of groups) {
      const need = k - hits.length;
      if (need <= 0) break;
      const depth = diversity > 0 ? Math.max(4 * need, 20) : need;
      let ranked =
        mode === 'hnsw'
          ? await this.rankHnsw(queryVector!, depth, allow, options.efSearch, signal)
          : this.rank(mode, queryVector, terms, depth, allow);
      if (diversity > 0) {
        ranked = maximalMarginalRelevance(ranked, need, 1 - diversity, (a, b) =>
          this.exact.similarity(a, b),
        );
      }
      hits.push(...ranked.slice(0, need));
    }
    return hits.map((h, i) => ({
      example: this.examples[h.index]!,
      score: h.score,
      rank: i + 1,
      retriever: mode,
      foundBy: h.foundBy,
    }));
  }

  /** The whole retriever (vectors, HNSW graph when built, embedder identity) as bytes. */
  save(): Uint8Array {
    const saved: SavedIndex = {
      embedder: { id: this.embedder.id, dimensions: this.embedder.dimensions },
      libraryVersion: this.libraryVersion,
      examples: this.examples.map((e, i) => ({ id: e.id, text: fingerprint(this.texts[i]!) })),
      vectors: this.exact.vectors,
    };
    if (this.hnsw) saved.hnsw = this.hnsw.exportGraph();
    return encodeIndex(saved);
  }

  /** `normalized`: the vector comes from a saved index, already unit length (kept bit for bit). */
  private insert(example: Example, text: string, vector: Float32Array, normalized = false): void {
    const row = this.exact.add(vector, normalized);
    this.examples.push(example);
    this.texts.push(text);
    this.bm25.add(lexicalTerms(text));
    this.hnsw?.insert(row);
  }

  /**
   * The HNSW graph, built now if it is not yet. Concurrent callers share one build; a caller
   * whose own signal did not fire retries when another caller's signal stopped the build.
   */
  private async ensureHnsw(signal?: AbortSignal): Promise<HnswIndex> {
    for (;;) {
      if (this.hnsw) return this.hnsw;
      this.hnswBuild ??= this.buildHnsw(signal).finally(() => {
        this.hnswBuild = undefined;
      });
      try {
        return await this.hnswBuild;
      } catch (error) {
        if (isEccoError(error, 'ABORTED') && !signal?.aborted) continue;
        throw error;
      }
    }
  }

  /**
   * Inserts every row into a new graph, letting the event loop run every BUILD_YIELD_ROWS rows
   * (a 100k-example build takes minutes) so that the signal can fire and stop it.
   */
  private async buildHnsw(signal?: AbortSignal): Promise<HnswIndex> {
    const graph = new HnswIndex(this.exact.store, this.hnswOptions);
    for (let i = 0; i < this.exact.size; i++) {
      if (i % BUILD_YIELD_ROWS === 0) {
        if (i > 0) await yieldToEventLoop();
        throwIfAborted(signal, 'Building the HNSW index');
      }
      graph.insert(i);
    }
    this.hnsw = graph;
    return graph;
  }

  private rank(
    mode: Exclude<SearchMode, 'hnsw'>,
    queryVector: Float32Array | undefined,
    terms: string[],
    depth: number,
    allow: (i: number) => boolean,
  ): Found[] {
    switch (mode) {
      case 'exact':
        return by(this.exact.search(queryVector!, depth, allow), 'exact');
      case 'lexical':
        return by(this.bm25.search(terms, depth, allow), 'lexical');
      case 'hybrid': {
        const pool = Math.max(depth, FUSION_DEPTH);
        const dense = this.exact.search(queryVector!, pool, allow);
        const lexical = this.bm25.search(terms, pool, allow);
        const inDense = new Set(dense.map((h) => h.index));
        const inLexical = new Set(lexical.map((h) => h.index));
        return reciprocalRankFusion([dense, lexical], depth).map((h) => ({
          ...h,
          foundBy: [
            ...(inDense.has(h.index) ? (['exact'] as const) : []),
            ...(inLexical.has(h.index) ? (['lexical'] as const) : []),
          ],
        }));
      }
    }
  }

  /** Graph search, post-filtered; falls back to exact search when the filter leaves too few. */
  private async rankHnsw(
    query: Float32Array,
    depth: number,
    allow: (i: number) => boolean,
    efSearch: number | undefined,
    signal: AbortSignal | undefined,
  ): Promise<Found[]> {
    const graph = await this.ensureHnsw(signal);
    const ef = efSearch ?? graph.efSearch;
    const wanted = Math.min(depth, this.exact.size);
    const found = graph.search(query, wanted, Math.max(ef, wanted)).filter((h) => allow(h.index));
    if (found.length >= wanted) return by(found.slice(0, wanted), 'hnsw');
    const widened = graph
      .search(query, Math.min(this.exact.size, wanted * 8), Math.max(ef, wanted * 8))
      .filter((h) => allow(h.index));
    if (widened.length >= wanted) return by(widened.slice(0, wanted), 'hnsw');
    return by(this.exact.search(query, wanted, allow), 'exact');
  }
}

/** Rows inserted into an HNSW graph between two yields to the event loop. */
const BUILD_YIELD_ROWS = 256;

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function by(hits: ScoredIndex[], retriever: RetrieverName): Found[] {
  return hits.map((h) => ({ ...h, foundBy: [retriever] }));
}
