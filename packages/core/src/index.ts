export {
  type ActivationCapture,
  captureOffset,
  layerActivations,
  type ModelOutput,
  validateCapture,
} from './capture.js';
export {
  type EccoJson,
  type EccoJsonToken,
  fromEccoJson,
  isEccoJson,
  toEccoJson,
} from './ecco-json.js';
export {
  ECCO_ERROR_CODES,
  EccoError,
  type EccoErrorCode,
  type EccoErrorOptions,
  isEccoError,
  throwIfAborted,
} from './errors.js';
export type { Explanation, ExplanationScores, Usage } from './explanation.js';
export {
  type Factorization,
  type FactorizationSource,
  type NeuronLoadings,
  validateFactorization,
} from './factorization.js';
export { type FactorizationInput, toFactorization } from './factorization-input.js';
export type { FactorRecord, RecordToken } from './record.js';
export {
  type ResultEntry,
  type ResultExplanation,
  type ResultFile,
  toResultEntry,
} from './result-entry.js';
export { redactSecrets } from './secrets.js';
export { seededRandom } from './seeded-random.js';
export {
  type FactorizationJson,
  type Float32Json,
  factorizationFromJson,
  factorizationToJson,
  float32FromJson,
  float32ToJson,
} from './serialization.js';
export type { Token, TokenKind } from './token.js';
export {
  type DisplayPiece,
  decodeByteLevelPiece,
  detectTokenizerFamily,
  displayPiece,
  displayPieces,
  isSpecialTokenText,
  joinTokens,
  makeTokens,
  TOKENIZER_FAMILIES,
  type TokenizerFamily,
} from './tokenizer-conventions.js';
