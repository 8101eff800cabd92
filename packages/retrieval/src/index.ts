export { Bm25Index, type Bm25Options } from './bm25-index.js';
export { type Embedder, embedChecked } from './embedder.js';
export { ExactIndex } from './exact-index.js';
export { type Example, validateExample } from './example.js';
export { ExampleLibrary } from './example-library.js';
export {
  ExampleRetriever,
  exampleText,
  type RetrieverName,
  type RetrieverOptions,
  type SearchHit,
  type SearchMode,
  type SearchOptions,
} from './example-retriever.js';
export { type HnswGraph, HnswIndex, type HnswOptions } from './hnsw-index.js';
export { INDEX_FORMAT_VERSION } from './index-format.js';
export { lexicalTerms } from './lexical-terms.js';
export { maximalMarginalRelevance } from './mmr.js';
export { createOfflineEmbedder, type OfflineEmbedderOptions } from './offline-embedder.js';
export { createOpenAIEmbedder, type OpenAIEmbedderOptions } from './openai-embedder.js';
export { RRF_K, reciprocalRankFusion } from './rank-fusion.js';
export { profileRecord, type RecordProfile } from './record-profile.js';
export { recordToText } from './record-text.js';
export { type TokenKind, tokenTextKinds } from './token-kinds.js';
export type { ScoredIndex } from './top-k.js';
export {
  createTransformersEmbedder,
  type TransformersEmbedderOptions,
} from './transformers-embedder.js';
export { BATCH as VECTOR_BATCH, type KernelChoice, VectorStore } from './vector-store.js';
