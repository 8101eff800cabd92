import { EccoError } from '@explainable-ecco/core';
import { OnnxType } from '../onnx/elem-type.js';
import type { OnnxValueInfo } from '../onnx/graph.js';
import type { OrtRuntime, OrtTensorLike } from './ort-runtime.js';

/** Right-padded token ids of a batch; pads sit after each sequence and are masked out. */
export interface PaddedBatch {
  batch: number;
  length: number;
  ids: number[][];
}

function intTensor(
  runtime: OrtRuntime,
  elemType: number,
  values: (b: number, t: number) => number,
  batch: number,
  length: number,
): OrtTensorLike {
  if (elemType === OnnxType.INT32) {
    const data = new Int32Array(batch * length);
    for (let b = 0; b < batch; b++)
      for (let t = 0; t < length; t++) data[b * length + t] = values(b, t);
    return runtime.tensor('int32', data, [batch, length]);
  }
  const data = new BigInt64Array(batch * length);
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < length; t++) data[b * length + t] = BigInt(values(b, t));
  }
  return runtime.tensor('int64', data, [batch, length]);
}

/** An empty past key/value cache: batch on axis 0, 0 on every other unnamed axis. */
function emptyPast(runtime: OrtRuntime, input: OnnxValueInfo, batch: number): OrtTensorLike {
  if (!input.shape) {
    throw new EccoError(
      'UNSUPPORTED_ARCHITECTURE',
      `Model input "${input.name}" has no declared shape, so an empty cache cannot be built for it.`,
      {
        hint: 'Export the model without past key/value inputs (a plain model.onnx), or declare their shapes.',
      },
    );
  }
  const dims = input.shape.map((d, i) => (i === 0 ? batch : typeof d === 'number' ? d : 0));
  if (input.elemType === OnnxType.FLOAT16)
    return runtime.tensor('float16', new Uint16Array(0), dims);
  return runtime.tensor('float32', new Float32Array(0), dims);
}

/**
 * Feeds for every model input: token ids, attention mask, zero token types, positions, empty
 * past key/values and a false use_cache_branch. Unknown inputs are refused by name.
 */
export function buildFeeds(
  runtime: OrtRuntime,
  inputs: readonly OnnxValueInfo[],
  padded: PaddedBatch,
  padId: number,
): Record<string, OrtTensorLike> {
  const { batch, length, ids } = padded;
  const feeds: Record<string, OrtTensorLike> = {};
  for (const input of inputs) {
    const name = input.name;
    if (name === 'input_ids') {
      feeds[name] = intTensor(
        runtime,
        input.elemType,
        (b, t) => ids[b]![t] ?? padId,
        batch,
        length,
      );
    } else if (name === 'attention_mask') {
      feeds[name] = intTensor(
        runtime,
        input.elemType,
        (b, t) => (t < ids[b]!.length ? 1 : 0),
        batch,
        length,
      );
    } else if (name === 'token_type_ids') {
      feeds[name] = intTensor(runtime, input.elemType, () => 0, batch, length);
    } else if (name === 'position_ids') {
      feeds[name] = intTensor(runtime, input.elemType, (_b, t) => t, batch, length);
    } else if (/^past_key_values\.|^past_|\.past_/.test(name)) {
      feeds[name] = emptyPast(runtime, input, batch);
    } else if (name === 'use_cache_branch') {
      feeds[name] = runtime.tensor('bool', new Uint8Array([0]), [1]);
    } else {
      throw new EccoError(
        'UNSUPPORTED_ARCHITECTURE',
        `Model input "${name}" is not one this package can feed.`,
        {
          hint: 'Supported inputs: input_ids, attention_mask, token_type_ids, position_ids, past_key_values.*, use_cache_branch. Export the model with those inputs.',
          details: { input: name },
        },
      );
    }
  }
  if (!feeds.input_ids) {
    throw new EccoError('UNSUPPORTED_ARCHITECTURE', 'The model has no "input_ids" input.', {
      hint: 'Only text models that take token ids are supported.',
    });
  }
  return feeds;
}
