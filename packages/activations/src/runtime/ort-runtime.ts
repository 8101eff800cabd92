/** Where a model runs: onnxruntime-node's CPU, or onnxruntime-web's wasm or WebGPU backends. */
export type Device = 'cpu' | 'wasm' | 'webgpu';

/** Tensor element types this package feeds or reads. */
export type TensorType = 'float32' | 'float16' | 'int64' | 'int32' | 'bool';

/** The part of an onnxruntime tensor this package uses (same in onnxruntime-node and -web). */
export interface OrtTensorLike {
  readonly data: unknown;
  readonly dims: readonly number[];
  readonly type: string;
  dispose?(): void;
}

/** The part of an onnxruntime InferenceSession this package uses. */
export interface OrtSessionLike {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(
    feeds: Record<string, OrtTensorLike>,
    fetches: readonly string[],
  ): Promise<Record<string, OrtTensorLike>>;
  release(): Promise<void>;
}

export interface CreateSessionOptions {
  device: Device;
  /** Node: directory onnxruntime reads external data files from. */
  externalDataDir?: string | undefined;
  /** Browser: external data files' contents, by the location the model names. */
  externalData?: Array<{ path: string; data: Uint8Array }> | undefined;
  /** Extra onnxruntime SessionOptions, passed through (e.g. intraOpNumThreads). */
  sessionOptions?: Record<string, unknown> | undefined;
}

/** An onnxruntime flavour behind one small interface, so the model code runs on either. */
export interface OrtRuntime {
  readonly name: 'onnxruntime-node' | 'onnxruntime-web';
  readonly defaultDevice: Device;
  createSession(model: Uint8Array, options: CreateSessionOptions): Promise<OrtSessionLike>;
  tensor(type: TensorType, data: ArrayBufferView, dims: readonly number[]): OrtTensorLike;
}
