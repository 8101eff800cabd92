import { EccoError, throwIfAborted } from '@explainable-ecco/core';
import type { Embedder } from './embedder.js';

export interface TransformersEmbedderOptions {
  /** How token vectors become one vector: mean over tokens (default, what sentence-transformers do) or the first ([CLS]) token. */
  pooling?: 'mean' | 'cls';
  /** Weights to load: 'fp32' (onnx/model.onnx), 'q8' (onnx/model_quantized.onnx), … (transformers.js default when omitted). */
  dtype?: 'auto' | 'fp32' | 'fp16' | 'q8' | 'int8' | 'uint8' | 'q4' | 'bnb4' | 'q4f16';
  /** Where to run: 'cpu', 'wasm', 'webgpu', … (transformers.js default when omitted). */
  device?: string;
  /** Hub revision of a model id (default 'main'). */
  revision?: string;
  /** Texts per forward pass (default 32). */
  batchSize?: number;
  /**
   * The embedder's identity in saved indexes. Default: 'transformers:' + the model id (with
   * '@' + revision for a Hub revision other than 'main'), or for a local directory its last path
   * segment, + pooling and dtype — so an index built from `/a/models/x` loads on a machine that
   * keeps the same model in `/b/x`.
   */
  id?: string;
}

function isLocalPath(modelIdOrPath: string): boolean {
  return /^(\/|\.{1,2}[\\/]|[A-Za-z]:[\\/]|file:)/.test(modelIdOrPath);
}

/**
 * Embeddings from a transformers.js feature-extraction model: a Hub id (e.g.
 * 'Xenova/all-MiniLM-L6-v2') or a local directory in Hub layout (config.json, tokenizer.json,
 * onnx/model*.onnx). A local directory is read with local_files_only, so it never reaches the
 * network. Requires the optional peer dependency `@huggingface/transformers`.
 */
export async function createTransformersEmbedder(
  modelIdOrPath: string,
  options: TransformersEmbedderOptions = {},
): Promise<Embedder> {
  if (typeof modelIdOrPath !== 'string' || modelIdOrPath.trim() === '') {
    throw new EccoError(
      'INVALID_ARGUMENT',
      'createTransformersEmbedder needs a model id or a local model directory.',
      {
        hint: "E.g. 'Xenova/all-MiniLM-L6-v2' or '/path/to/model'.",
      },
    );
  }
  const pooling = options.pooling ?? 'mean';
  const batchSize = options.batchSize ?? 32;
  if (
    options.revision !== undefined &&
    (typeof options.revision !== 'string' || options.revision.trim() === '')
  ) {
    throw new EccoError('INVALID_ARGUMENT', 'revision must be a non-empty string.', {
      hint: "A branch, tag or commit of the Hub repository, e.g. 'main'.",
    });
  }
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new EccoError(
      'INVALID_ARGUMENT',
      `batchSize must be a positive integer, got ${batchSize}.`,
    );
  }
  let transformers: typeof import('@huggingface/transformers');
  try {
    transformers = await import('@huggingface/transformers');
  } catch (cause) {
    throw new EccoError(
      'MODEL_NOT_FOUND',
      'The local embedder needs the package @huggingface/transformers.',
      {
        hint: 'Install it next to @explainable-ecco/retrieval: npm install @huggingface/transformers@4.3.1',
        cause,
      },
    );
  }
  const local = isLocalPath(modelIdOrPath);
  const location = modelIdOrPath.startsWith('file:')
    ? new URL(modelIdOrPath).pathname
    : modelIdOrPath;
  type Extractor = Awaited<ReturnType<typeof transformers.pipeline<'feature-extraction'>>>;
  let extractor: Extractor;
  try {
    extractor = await transformers.pipeline('feature-extraction', location, {
      local_files_only: local,
      ...(options.dtype ? { dtype: options.dtype } : {}),
      ...(options.device ? { device: options.device as never } : {}),
      ...(options.revision ? { revision: options.revision } : {}),
    });
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new EccoError(
      local ? 'MODEL_NOT_FOUND' : 'MODEL_DOWNLOAD_FAILED',
      `Could not load embedding model ${modelIdOrPath}: ${reason}`,
      {
        hint: local
          ? 'Check that the directory holds config.json, tokenizer.json and onnx/model.onnx (or the file for your dtype).'
          : 'Check the model id and the network, or download the model and pass its directory.',
        cause,
      },
    );
  }
  const run = async (texts: string[]): Promise<Float32Array[]> => {
    const tensor = await extractor(texts, { pooling, normalize: true });
    const [rows, cols] = tensor.dims as [number, number];
    const data = tensor.data as Float32Array;
    return Array.from({ length: rows }, (_, r) => data.slice(r * cols, (r + 1) * cols));
  };
  // The width of the vectors is whatever the model's pooled output is; measure it once.
  const [probe] = await run(['dimension probe']);
  const name = local
    ? location
        .replace(/[\\/]+$/, '')
        .split(/[\\/]/)
        .pop()!
    : modelIdOrPath;
  // Another revision may hold other weights. 'main' (the default) is left out so that existing
  // ids stay the same; a local directory has no revisions.
  const revisionTag =
    !local && options.revision !== undefined && options.revision !== 'main'
      ? `@${options.revision}`
      : '';
  return {
    id: options.id ?? `transformers:${name}${revisionTag}:${pooling}:${options.dtype ?? 'default'}`,
    dimensions: probe!.length,
    async embed(texts, embedOptions) {
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += batchSize) {
        throwIfAborted(embedOptions?.signal, 'Embedding');
        out.push(...(await run(texts.slice(i, i + batchSize))));
      }
      return out;
    },
  };
}
