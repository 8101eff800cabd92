// Everything every entry point exports, apart from `explain` and `scoreExplanations`, whose
// default cache differs per entry point.
export { cacheKey, sha256Hex } from './cache/cache-key.js';
export { type CachedCompletion, type CacheStore, MemoryCacheStore } from './cache/cache-store.js';
export { IndexedDbCacheStore } from './cache/indexeddb-store.js';
export type { ExplainOptions, ProviderCallOptions } from './explain-options.js';
export type { ExplanationUsage, FactorExplanation, PromptInfo } from './explanation-types.js';
export { analyseRecord, type Finding } from './heuristic/analyse.js';
export { describeFinding, describeRecord } from './heuristic/describe.js';
export { type NamedRule, rulesFromExplanation } from './heuristic/explanation-rules.js';
export { simulateLexically } from './heuristic/simulator.js';
export {
  CLASS_NAMES,
  TOKEN_CLASSES,
  type TokenClass,
  tokenClasses,
} from './heuristic/token-classes.js';
export {
  buildExplainPrompt,
  EXPLAIN_INSTRUCTIONS,
  type ExampleHit,
  type ExampleSearch,
  type ExplainPrompt,
  type ExplainPromptOptions,
  explainSystemPrompt,
  RESPONSE_SCHEMA_OVERHEAD_TOKENS,
  responseSchemaTokens,
  UNKNOWN_MODEL_CONTEXT_WINDOW,
} from './prompt/explain-prompt.js';
export { buildSimulationRequest } from './prompt/simulation-prompt.js';
export { heuristicProvider } from './providers/heuristic-provider.js';
export {
  foldSystemMessages,
  type ModelTraits,
  modelTraits,
  REASONING_TOKEN_ALLOWANCE,
  replyTokenCap,
} from './providers/model-traits.js';
export {
  DEFAULT_OPENAI_MODEL,
  type OpenAIProviderOptions,
  openAIConfigured,
  openaiProvider,
} from './providers/openai-provider.js';
export {
  type RejectedParameter,
  rejectedParameter,
  retryAfterMs,
} from './providers/provider-errors.js';
export {
  PROVIDER_NAMES,
  type ProviderName,
  resolveProvider,
} from './providers/resolve-provider.js';
export { parseExplanationContent, parseSimulationContent } from './providers/response-parser.js';
export type {
  CallOptions,
  ChatMessage,
  ChatProvider,
  ChatRequest,
  ChatResponse,
  ExplainerProvider,
  LocalExplainInput,
  LocalProvider,
  ResponseSchema,
} from './providers/types.js';
export {
  buildRecord,
  maskedLevels,
  type RecordOptions,
  recordWindows,
  shownRanges,
} from './records/build-record.js';
export { discretize } from './records/discretize.js';
export {
  activeMask,
  DEFAULT_MASK,
  largestGapThreshold,
  type MaskStrategy,
  otsuThreshold,
} from './records/masking.js';
export {
  DEFAULT_RECORD_FORMAT,
  escapeTokenText,
  RECORD_FORMATS,
  RECORD_TAG,
  type RecordFormat,
  renderRecord,
} from './records/render.js';
export { mergeRanges, type Range, selectWindows, type WindowOptions } from './records/windows.js';
export type { ProgressEvent } from './run/progress.js';
export { RateGate } from './run/rate-gate.js';
export {
  backoffDelay,
  RETRY_AFTER_JITTER_FRACTION,
  RETRY_AFTER_JITTER_MAX_MS,
  type RetryPolicy,
} from './run/retry.js';
export { runSecrets } from './run/secrets.js';
export { detectionScore, simulationScore } from './score/metrics.js';
export { pearson } from './score/pearson.js';
export type {
  ScoredExplanation,
  ScoreOptions,
  ScoringDetails,
} from './score/score-explanations.js';
export {
  type ScoringWindowOptions,
  type ScoringWindows,
  scoringWindows,
} from './score/scoring-windows.js';
export { heuristicSimulator, type SimulationOutput, type Simulator } from './score/simulator.js';
export { costUsd } from './usage/cost.js';
export type { UsageReport } from './usage/usage-report.js';
