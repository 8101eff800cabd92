import type { ArchitectureSpec } from '../capture/architectures.js';
import type { CaptureTensorsOption } from '../capture/find-capture-tensors.js';
import type { ResolveOptions } from '../files/resolve-options.js';
import type { Device } from '../runtime/ort-runtime.js';
import type { ModelDtype } from './dtype.js';

export interface FromPretrainedOptions extends ResolveOptions {
  /** Model layers to capture (default: all). Only these get graph outputs, so others cost nothing. */
  layers?: readonly number[];
  /** Weights to load: picks onnx/model{suffix}.onnx. Default 'fp32'. */
  dtype?: ModelDtype;
  /** 'cpu' (Node), 'wasm' or 'webgpu' (browsers). Default: 'cpu' in Node, 'wasm' in browsers. */
  device?: 'cpu' | 'wasm' | 'webgpu';
  /** Tensor names to capture, by layer, instead of searching the graph. */
  captureTensors?: CaptureTensorsOption;
  /** Use this architecture entry instead of the registry's for config.json's model_type. */
  architecture?: ArchitectureSpec;
  /** The .onnx file to load, relative to the model root (overrides dtype), e.g. 'onnx/decoder_model.onnx'. */
  modelFile?: string;
  /** Extra onnxruntime SessionOptions (e.g. { intraOpNumThreads: 2 }). */
  sessionOptions?: Record<string, unknown>;
}

export interface RunOptions {
  /** Layers to return, a subset of those captured (default: all captured). */
  layers?: readonly number[];
  /** Also return next-token logits (positions × vocab) for models that output them. */
  logits?: boolean;
  /** Cut texts longer than the model's maximum positions instead of throwing TEXT_TOO_LONG. */
  truncation?: boolean;
  /** Texts run together in one padded batch (default 8). */
  batchSize?: number;
}

export interface GenerateOptions {
  /** How many tokens to generate at most. */
  maxNewTokens: number;
  /** 0 or absent: greedy decoding. Otherwise sample at this temperature. */
  temperature?: number;
  /** Sample among the k most likely tokens only. */
  topK?: number;
  /** Seed of the sampler; a fixed seed makes sampling reproducible. */
  seed?: number;
  /** Stop when an end-of-sequence token is generated (default true). */
  stopAtEos?: boolean;
  /** Layers to return, a subset of those captured. */
  layers?: readonly number[];
  /** Also return logits for every position. */
  logits?: boolean;
}

export type { Device };
