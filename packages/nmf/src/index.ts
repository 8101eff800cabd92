export type { EngineSession, NmfEngine } from './engine/engine.js';
export { jsEngine } from './engine/js-engine.js';
export { createOrtEngine, type OrtEngineOptions, type OrtLike } from './engine/ort-engine.js';
export { wasmEngine } from './engine/wasm-engine.js';
export { nmf } from './nmf.js';
export { type RunNmfOptions, runNmf } from './run-nmf.js';
export type { NmfSequenceInput } from './sequences.js';
export type {
  NmfBetaLoss,
  NmfInit,
  NmfOptions,
  NmfProgress,
  NmfResult,
  NmfSolver,
} from './types.js';
export {
  type InWorkerControls,
  nmfInWorker,
  runNmfInWorker,
  type WorkerLike,
} from './worker-client.js';
export type { WorkerNmfOptions, WorkerRunNmfOptions } from './worker-protocol.js';
