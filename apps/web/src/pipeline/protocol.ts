import type { Explanation, Factorization } from '@explainable-ecco/core';

/** Which model layers the factors cover. `range` is half-open, as ecco's run_nmf. */
export type LayerChoice =
  | { kind: 'all' }
  | { kind: 'last' }
  | { kind: 'range'; from: number; to: number };

/** 'auto' picks WebGPU when the browser offers an adapter, else WebAssembly. */
export type DeviceChoice = 'auto' | 'wasm' | 'webgpu';

export interface ModelChoice {
  /** Absolute URL of a model folder (Hub layout), or a Hub id such as `Xenova/distilgpt2`. */
  source: string;
  /** Display name. */
  label: string;
  dtype: 'fp32' | 'fp16' | 'q8' | 'q4';
  device: DeviceChoice;
  /** Host serving Hub ids (the Hub itself, or a mirror); absolute URL with a trailing slash. */
  remoteHost: string;
}

export type ExplainerChoice =
  | { provider: 'heuristic' }
  | {
      provider: 'openai';
      /** OpenAI-compatible server; absent for OpenAI itself. */
      baseURL?: string;
      apiKey?: string;
      /** Absent: the explainer's default model. */
      model?: string;
    };

/** Everything one run needs. Crosses to the worker by structured clone. */
export interface RunRequest {
  /** Preset name ('counting', …) or 'text' for the user's own. */
  name: string;
  text: string;
  model: ModelChoice;
  /** Cut texts longer than the model's context instead of failing. */
  truncate: boolean;
  components: number;
  layers: LayerChoice;
  explainer: ExplainerChoice;
}

/** Once per worker: where its runtime files are served (the worker cannot see the page's URL). */
export interface RuntimeSetup {
  /** Absolute URL of the folder with onnxruntime-web's .mjs/.wasm files. */
  ortWasmUrl: string;
}

export const STAGES = ['model', 'activations', 'factors', 'explanations', 'scores'] as const;
export type Stage = (typeof STAGES)[number];

/** A typed error as it crosses from the worker: code, message, and what to do. */
export interface ErrorPayload {
  code: string;
  /** What went wrong (without the hint). */
  message: string;
  /** What the user can do about it. */
  hint?: string;
  details?: Record<string, unknown>;
}

/** What the model ran on, for the summary line. */
export interface ModelInfo {
  source: string;
  modelType: string;
  layers: number[];
  device: 'wasm' | 'webgpu';
  threads: number;
  crossOriginIsolated: boolean;
  /** Why 'auto' did not use WebGPU, when it did not. */
  deviceNote?: string;
}

/** A Factorization without neuron loadings (large, and nothing downstream needs them). */
export type FactorsPayload = Omit<Factorization, 'loadings'>;

export type MainToWorker =
  | { type: 'setup'; setup: RuntimeSetup }
  | { type: 'run'; id: number; request: RunRequest }
  /** Load a model ahead of a run (the user is getting ready to run it). */
  | { type: 'preload'; model: ModelChoice }
  | { type: 'cancel'; id: number };

export type WorkerToMain =
  | { type: 'stage'; id: number; stage: Stage; status: 'running' | 'done'; ms?: number }
  | {
      type: 'progress';
      id: number;
      stage: Stage;
      /** 0–1 when known. */
      fraction?: number;
      /** A short status line, e.g. "onnx/model.onnx 3.1 of 13.7 MB". */
      detail?: string;
    }
  | { type: 'model'; id: number; info: ModelInfo }
  | { type: 'factors'; id: number; factorization: FactorsPayload }
  | { type: 'explanations'; id: number; explanations: Explanation[]; scored: boolean }
  | { type: 'done'; id: number; timings: Partial<Record<Stage, number>> }
  | { type: 'error'; id: number; stage?: Stage; error: ErrorPayload };
