import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { referenceDir } from '@explainable-ecco/test-kit';
import { AutoTokenizer, env } from '@huggingface/transformers';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoModelPath } from '../src/index.js';

const REFERENCE = join(referenceDir, 'demo-gpt2');
/** The same windows the model card's figures use (tools/models/modelkit/trainer.py). */
const WINDOW = 256;

beforeAll(() => {
  env.allowRemoteModels = false;
  env.localModelPath = '';
});

/** Natural-log probabilities of the add-one-smoothed unigram model of the training tokens. */
function unigramLogProbs(): Float64Array {
  const { counts } = JSON.parse(readFileSync(join(REFERENCE, 'unigram-counts.json'), 'utf8')) as {
    counts: number[];
  };
  const total = counts.reduce((a, b) => a + b, 0);
  return Float64Array.from(counts, (c) => Math.log((c + 1) / (total + counts.length)));
}

/** Mean cross-entropy of the ONNX model and of the unigram baseline on the same predictions. */
async function crossEntropies(file: string, ids: number[]) {
  const session = await ort.InferenceSession.create(join(demoModelPath, 'onnx', file));
  const unigram = unigramLogProbs();
  let model = 0;
  let baseline = 0;
  let predicted = 0;
  for (let start = 0; start < ids.length - 1; start += WINDOW) {
    const window = ids.slice(start, start + WINDOW);
    if (window.length < 2) break;
    const input = BigInt64Array.from(window.map((id) => BigInt(id)));
    const out = await session.run({
      input_ids: new ort.Tensor('int64', input, [1, window.length]),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(window.length).fill(1n), [
        1,
        window.length,
      ]),
    });
    const logits = out.logits!.data as Float32Array;
    const vocab = unigram.length;
    for (let p = 0; p < window.length - 1; p++) {
      const row = logits.subarray(p * vocab, (p + 1) * vocab);
      let max = -Infinity;
      for (const v of row) max = Math.max(max, v);
      let sum = 0;
      for (const v of row) sum += Math.exp(v - max);
      const target = window[p + 1]!;
      model += -(row[target]! - max - Math.log(sum));
      baseline += -unigram[target]!;
      predicted++;
    }
  }
  return { model: model / predicted, unigram: baseline / predicted, predicted };
}

describe('demo-gpt2 on held-out text', () => {
  const text = readFileSync(join(REFERENCE, 'heldout.txt'), 'utf8');

  it('the held-out text is long and mixes the corpus kinds', () => {
    // Disjointness from the training text is enforced where the training text exists: the corpus
    // builder (tools/models/modelkit/corpus.py) keeps only paragraphs found nowhere in it.
    expect(text.length).toBeGreaterThan(20_000);
    expect(text).toMatch(/\bdef |\bimport /); // code
    expect(text).toMatch(/\d+,\s?\d+/); // sequences
  });

  it.each(['model.onnx', 'model_quantized.onnx'])(
    '%s: mean token cross-entropy is at most 0.7 × the unigram baseline',
    async (file) => {
      const tokenizer = await AutoTokenizer.from_pretrained(demoModelPath);
      const ids = tokenizer.encode(text);
      const ce = await crossEntropies(file, ids);
      expect(ce.predicted).toBeGreaterThan(5_000);
      expect(ce.unigram).toBeGreaterThan(5); // a 4096-entry vocabulary: the baseline is not trivial
      expect(ce.model).toBeLessThanOrEqual(0.7 * ce.unigram);
    },
    60_000,
  );
});
