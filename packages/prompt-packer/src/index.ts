export { DEFAULT_ESTIMATE_MARGIN } from './budget.js';
export { createEstimateCounter } from './estimate-counter.js';
export { getTokenCounter, type TokenCounterOptions } from './get-token-counter.js';
export { CHATML_FALLBACK_TEMPLATE } from './hf/chat-template.js';
export { createHfCounter, type HfCounterOptions } from './hf/counter.js';
export { type HfTokenizerFiles, loadHfTokenizerFiles } from './hf/files.js';
export {
  lookupModel,
  MODEL_REGISTRY,
  type ModelInfo,
  type ModelRegistration,
  type OpenAiEncoding,
  registerModel,
  resetModelRegistry,
} from './model-registry.js';
export { jaccard, shingles } from './near-duplicate.js';
export { type ChatOverhead, createOpenAiCounter } from './openai-counter.js';
export { DEFAULT_MAX_SIMILARITY, pack } from './pack.js';
export { countLayout } from './prompt-count.js';
export { TRUNCATION_MARKER, truncateMiddle } from './truncate-middle.js';
export type {
  ChatMessage,
  DropReason,
  PackExample,
  PackOptions,
  PackResult,
  TokenCounter,
} from './types.js';
