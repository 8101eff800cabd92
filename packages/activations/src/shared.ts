// Everything both entry points export (the platform-specific EccoModel and ortEnv live in node.ts / browser.ts).

export { seededRandom } from '@explainable-ecco/core';
export {
  ARCHITECTURES,
  type ArchitectureSpec,
  architectureFor,
} from './capture/architectures.js';
export { type CaptureCandidate, listCaptureCandidates } from './capture/candidates.js';
export type { CapturePlan, CapturePoint } from './capture/capture-plan.js';
export {
  type CaptureSearchConfig,
  type CaptureTensorsOption,
  type FindCaptureOptions,
  findCaptureTensors,
} from './capture/find-capture-tensors.js';
export { type EccoEnv, env } from './files/env.js';
export { hubFileUrl, isHubModelId } from './files/hub-id.js';
export type { LoadProgress, ModelFiles, ProgressCallback } from './files/model-files.js';
export type { ResolveOptions } from './files/resolve-options.js';
export { pickNextToken, type SamplingOptions } from './generation/sampler.js';
export { type EccoModelConfig, parseModelConfig } from './model/config.js';
export { DTYPE_SUFFIXES, MODEL_DTYPES, type ModelDtype, modelFileFor } from './model/dtype.js';
export { EccoModelBase, type GenerateOutput } from './model/ecco-model.js';
export type { FromPretrainedOptions, GenerateOptions, RunOptions } from './model/options.js';
export {
  type AddGraphOutputsOptions,
  type AddGraphOutputsResult,
  addGraphOutputs,
} from './onnx/add-graph-outputs.js';
export type {
  OnnxAttribute,
  OnnxConstant,
  OnnxGraph,
  OnnxNode,
  OnnxValueInfo,
} from './onnx/graph.js';
export { inferElemType } from './onnx/infer-elem-type.js';
export { readModel } from './onnx/read-model.js';
export type { Device } from './runtime/ort-runtime.js';
export { tokenizerFamilyOf } from './tokenizer/load-tokenizer.js';
