import { EccoError } from '@explainable-ecco/core';

/** Progress of loading a model, reported through `onProgress`. */
export interface LoadProgress {
  /** 'download' while bytes arrive from the network, 'cached'/'local' when read without one, 'ready' at the end. */
  status: 'download' | 'cached' | 'local' | 'ready';
  /** The file, relative to the model root ('onnx/model.onnx'); empty for 'ready'. */
  file: string;
  loaded?: number;
  total?: number;
}

export type ProgressCallback = (progress: LoadProgress) => void;

/** Read access to the files of one model, wherever they live (directory, cache, Hub, URL). */
export interface ModelFiles {
  /** The directory, Hub id or URL, for messages. */
  readonly source: string;
  readonly kind: 'local' | 'hub' | 'url';
  /**
   * Reads a file, e.g. 'config.json' or 'onnx/model.onnx'. A missing file throws
   * `MODEL_FILE_MISSING` (or `MODEL_NOT_FOUND` for config.json), unless `optional`, which gives undefined.
   */
  read(file: string, options?: { optional?: boolean }): Promise<Uint8Array | undefined>;
  /**
   * Node only: makes sure the file is on disk (downloading it into the cache if needed) and gives
   * its absolute path, so onnxruntime can read large external data itself instead of through
   * JavaScript memory.
   */
  toDisk?(file: string): Promise<string>;
  /** The .onnx files that exist, when that is cheap to know (local directories), for hints. */
  listOnnxFiles?(): Promise<string[]>;
}

/** Reads a JSON file through ModelFiles; `undefined` when optional and absent. */
export async function readJson(
  files: ModelFiles,
  file: string,
  options: { optional?: boolean } = {},
): Promise<unknown> {
  const bytes = await files.read(file, options);
  if (bytes === undefined) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (cause) {
    throw new EccoError('MODEL_CORRUPT', `${file} in ${files.source} is not valid JSON.`, {
      hint: 'Restore the file (for a Hub model, delete its cache entry so it is downloaded again).',
      details: { file, source: files.source },
      cause,
    });
  }
}
