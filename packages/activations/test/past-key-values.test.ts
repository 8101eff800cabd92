import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { layerActivations } from '@explainable-ecco/core';
import {
  maxAbsDiff,
  readReferenceFloats,
  readReferenceManifest,
  repoRoot,
} from '@explainable-ecco/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EccoModel } from '../src/node.js';
import { OnnxType } from '../src/onnx/elem-type.js';
import { readModel } from '../src/onnx/read-model.js';
import { buildFeeds } from '../src/runtime/feeds.js';
import { nodeRuntime } from '../src/runtime/node-runtime.js';

/**
 * tiny-llama-past is exported the way optimum's "text-generation-with-past" task exports decoders
 * (the onnx/model.onnx Xenova/onnx-community publish): position_ids and past key/value inputs,
 * present outputs. reference.test.ts compares its captures with PyTorch; this file makes sure the
 * fixture really is such an export (so that comparison cannot pass on a plain one) and that
 * feeding and generation handle it.
 */
const name = 'tiny-llama-past';
const manifest = readReferenceManifest(name);
const dir = resolve(repoRoot, manifest.modelDir);
const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as {
  num_hidden_layers: number;
  num_key_value_heads: number;
  head_dim: number;
};
const kv = Array.from({ length: config.num_hidden_layers }, (_, i) => [
  `${i}.key`,
  `${i}.value`,
]).flat();

describe.each(['onnx/model.onnx', 'onnx/model_quantized.onnx'])('%s of tiny-llama-past', (file) => {
  const graph = readModel(readFileSync(join(dir, file)));

  it('takes input_ids, attention_mask, position_ids and past_key_values.N.key/value', () => {
    expect(graph.inputs.map((i) => i.name)).toEqual([
      'input_ids',
      'attention_mask',
      'position_ids',
      ...kv.map((s) => `past_key_values.${s}`),
    ]);
    const byName = new Map(graph.inputs.map((i) => [i.name, i]));
    expect(byName.get('position_ids')).toMatchObject({
      elemType: OnnxType.INT64,
      shape: ['batch_size', 'sequence_length'],
    });
    expect(byName.get('attention_mask')!.shape).toEqual(['batch_size', 'past_sequence_length + 1']);
    for (const s of kv) {
      expect(byName.get(`past_key_values.${s}`)).toMatchObject({
        elemType: OnnxType.FLOAT,
        shape: ['batch_size', config.num_key_value_heads, 'past_sequence_length', config.head_dim],
      });
    }
  });

  it('returns logits and present.N.key/value', () => {
    expect(graph.outputs.map((o) => o.name)).toEqual(['logits', ...kv.map((s) => `present.${s}`)]);
  });
});

describe('tiny-llama-past', () => {
  let lm: EccoModel;
  beforeAll(async () => {
    lm = await EccoModel.fromPretrained(dir);
  });
  afterAll(async () => {
    await lm.dispose();
  });

  it('is fed positions 0…n-1 per sequence, a mask over the new tokens and an empty past', () => {
    const inputs = readModel(readFileSync(join(dir, 'onnx/model.onnx'))).inputs;
    const feeds = buildFeeds(
      nodeRuntime,
      inputs,
      {
        batch: 2,
        length: 4,
        ids: [
          [1, 5, 6, 7],
          [1, 8],
        ],
      },
      0,
    );
    expect(Object.keys(feeds).sort()).toEqual(inputs.map((i) => i.name).sort());
    expect(feeds.position_ids!.dims).toEqual([2, 4]);
    expect(Array.from(feeds.position_ids!.data as BigInt64Array, Number)).toEqual([
      0, 1, 2, 3, 0, 1, 2, 3,
    ]);
    expect(Array.from(feeds.attention_mask!.data as BigInt64Array, Number)).toEqual([
      1, 1, 1, 1, 1, 1, 0, 0,
    ]);
    for (const s of kv) {
      const past = feeds[`past_key_values.${s}`]!;
      expect(past.type).toBe('float32');
      expect(past.dims).toEqual([2, config.num_key_value_heads, 0, config.head_dim]);
    }
  });

  it('generates: greedy follows the logits, and the prompt keeps its reference activations', async () => {
    const text = manifest.texts.find((t) => t.name === 'verse')!;
    const out = await lm.generate(text.text, { maxNewTokens: 4, stopAtEos: false, logits: true });
    expect(out.inputLength).toBe(text.positions);
    expect(out.tokens.slice(0, out.inputLength).map((t) => t.id)).toEqual(text.tokenIds);
    expect(out.tokens).toHaveLength(text.positions + 4);
    expect(out.activations.positions).toBe(out.tokens.length);
    const { data, vocab } = out.logits!;
    for (let p = out.inputLength - 1; p < out.tokens.length - 1; p++) {
      const row = data.subarray(p * vocab, (p + 1) * vocab);
      expect(out.tokens[p + 1]!.id).toBe(row.indexOf(Math.max(...row)));
    }
    // Causal: the prompt's activations are PyTorch's, whatever was generated after it.
    const ref = readReferenceFloats(name, text.activations.file);
    const n = out.activations.neurons;
    const size = n * text.positions;
    for (const [slot, layer] of out.activations.layers.entries()) {
      const gen = layerActivations(out.activations, layer);
      const prompt = new Float32Array(size);
      for (let neuron = 0; neuron < n; neuron++) {
        prompt.set(
          gen.subarray(
            neuron * out.activations.positions,
            neuron * out.activations.positions + text.positions,
          ),
          neuron * text.positions,
        );
      }
      expect(maxAbsDiff(prompt, ref.subarray(slot * size, (slot + 1) * size))).toBeLessThanOrEqual(
        1e-4,
      );
    }
  });
});
