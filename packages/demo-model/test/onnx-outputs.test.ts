import { join } from 'node:path';
import {
  maxAbs,
  maxAbsDiff,
  pearson,
  type ReferenceManifest,
  readReferenceFloats,
  readReferenceManifest,
  referenceModels,
} from '@explainable-ecco/test-kit';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { modelDir, REFERENCE_MODELS } from './reference-data.js';

/** fp32 ONNX vs PyTorch: the acceptance bound. */
const FP32_MAX_ABS_ERROR = 1e-4;
/**
 * Dynamic int8 (documented in fixtures/README.md): max |error| ≤ 10 % of the largest reference
 * magnitude, Pearson r ≥ 0.99 over all values, and (causal LMs) the same next-token argmax at ≥ 90 %
 * of positions.
 */
const INT8_MAX_ERROR_FRACTION = 0.1;
const INT8_MIN_CORRELATION = 0.99;
const INT8_MIN_ARGMAX_AGREEMENT = 0.9;

function referenceOutput(manifest: ReferenceManifest) {
  const entry = manifest.logits ?? manifest.lastHiddenState;
  if (!entry) throw new Error(`${manifest.model}: manifest stores no model output`);
  const text = manifest.texts.find((t) => t.name === entry.text);
  if (!text) throw new Error(`${manifest.model}: output text ${entry.text} is not in texts`);
  return { entry, text, values: readReferenceFloats(manifest.model, entry.file) };
}

async function runBatch(
  file: string,
  rows: number[][],
): Promise<{ data: Float32Array; dims: readonly number[] }> {
  const session = await ort.InferenceSession.create(file);
  const length = rows[0]!.length;
  const ids = BigInt64Array.from(rows.flat().map((id) => BigInt(id)));
  const mask = new BigInt64Array(ids.length).fill(1n);
  const feeds: Record<string, ort.Tensor> = {
    input_ids: new ort.Tensor('int64', ids, [rows.length, length]),
    attention_mask: new ort.Tensor('int64', mask, [rows.length, length]),
  };
  // Exports with a KV cache (tiny-llama-past) also take positions and an empty past.
  for (const input of session.inputMetadata) {
    if (input.name === 'position_ids') {
      const positions = BigInt64Array.from(rows.flatMap((row) => row.map((_, t) => BigInt(t))));
      feeds[input.name] = new ort.Tensor('int64', positions, [rows.length, length]);
    } else if (input.name.startsWith('past_key_values.') && input.isTensor) {
      const dims = input.shape.map((d, i) =>
        i === 0 ? rows.length : typeof d === 'number' ? d : 0,
      );
      feeds[input.name] = new ort.Tensor('float32', new Float32Array(0), dims);
    }
  }
  const result = await session.run(feeds);
  const output = result[session.outputNames[0]!]!;
  return { data: output.data as Float32Array, dims: output.dims };
}

function argmaxAgreement(a: Float32Array, b: Float32Array, width: number): number {
  const rows = a.length / width;
  let same = 0;
  for (let r = 0; r < rows; r++) {
    let ia = 0;
    let ib = 0;
    for (let c = 1; c < width; c++) {
      if (a[r * width + c]! > a[r * width + ia]!) ia = c;
      if (b[r * width + c]! > b[r * width + ib]!) ib = c;
    }
    if (ia === ib) same++;
  }
  return same / rows;
}

it('checks every model that has reference data', () => {
  expect([...REFERENCE_MODELS].sort()).toEqual(referenceModels().sort());
});

describe.each(REFERENCE_MODELS)('%s ONNX', (model) => {
  const manifest = readReferenceManifest(model);
  const dir = modelDir(manifest);
  const { entry, text, values: reference } = referenceOutput(manifest);

  it.each(['model.onnx', 'model_quantized.onnx'])(
    '%s has the inputs and output of an optimum/Xenova export',
    async (file) => {
      const session = await ort.InferenceSession.create(join(dir, 'onnx', file));
      const output = manifest.logits ? 'logits' : 'last_hidden_state';
      if (model.endsWith('-past')) {
        // optimum's text-generation-with-past layout: positions and a KV cache in and out.
        const layers = [0, 1];
        const kv = (prefix: string) =>
          layers.flatMap((n) => [`${prefix}.${n}.key`, `${prefix}.${n}.value`]);
        expect(session.inputNames).toEqual([
          'input_ids',
          'attention_mask',
          'position_ids',
          ...kv('past_key_values'),
        ]);
        expect(session.outputNames).toEqual([output, ...kv('present')]);
      } else {
        expect(session.inputNames).toEqual(['input_ids', 'attention_mask']);
        expect(session.outputNames).toEqual([output]);
      }
    },
  );

  it('fp32 model.onnx matches PyTorch within 1e-4, with a dynamic batch and sequence length', async () => {
    // Two identical rows: the export traced batch 2 × 7 tokens, the reference text is longer.
    const { data, dims } = await runBatch(join(dir, 'onnx/model.onnx'), [
      text.tokenIds,
      text.tokenIds,
    ]);
    expect(dims).toEqual([2, ...entry.shape]);
    const size = reference.length;
    expect(maxAbsDiff(data.subarray(0, size), reference)).toBeLessThanOrEqual(FP32_MAX_ABS_ERROR);
    expect(maxAbsDiff(data.subarray(size), reference)).toBeLessThanOrEqual(FP32_MAX_ABS_ERROR);
    expect(maxAbs(reference)).toBeGreaterThan(0.1); // the comparison is not between near-zeros
  });

  it('int8 model_quantized.onnx stays within the documented tolerance', async () => {
    const { data, dims } = await runBatch(join(dir, 'onnx/model_quantized.onnx'), [text.tokenIds]);
    expect(dims).toEqual([1, ...entry.shape]);
    const error = maxAbsDiff(data, reference);
    expect(error).toBeLessThanOrEqual(INT8_MAX_ERROR_FRACTION * maxAbs(reference));
    expect(error).toBeGreaterThan(0); // it really is a different (quantized) graph
    expect(pearson(data, reference)).toBeGreaterThanOrEqual(INT8_MIN_CORRELATION);
    if (manifest.logits) {
      const width = entry.shape[1]!;
      expect(argmaxAgreement(data, reference, width)).toBeGreaterThanOrEqual(
        INT8_MIN_ARGMAX_AGREEMENT,
      );
    }
  });
});
