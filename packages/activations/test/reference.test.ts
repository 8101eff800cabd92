import { resolve } from 'node:path';
import { layerActivations } from '@explainable-ecco/core';
import {
  maxAbs,
  maxAbsDiff,
  pearson,
  readReferenceFloats,
  readReferenceManifest,
  referenceModels,
  repoRoot,
} from '@explainable-ecco/test-kit';
import { afterAll, describe, expect, it } from 'vitest';
import { EccoModel } from '../src/node.js';

/**
 * Acceptance: captured activations equal the PyTorch reference (tools/models, fixtures/reference).
 * fp32: max |Δ| ≤ 1e-4. int8 (dynamic quantization changes the computation itself, so it cannot
 * match to float precision): per layer and text, max |Δ| ≤ 8 % of the reference's max |value|
 * and Pearson r ≥ 0.995. The README documents the same tolerance.
 */
const INT8_RELATIVE_MAX_DIFF = 0.08;
const INT8_MIN_PEARSON = 0.995;

const models = referenceModels();

it('finds the reference fixtures', () => {
  // A missing fixtures/reference directory must fail loudly, not skip every test below.
  expect(models).toEqual(
    expect.arrayContaining([
      'demo-gpt2',
      'tiny-bert',
      'tiny-distilbert',
      'tiny-llama',
      // optimum's text-generation-with-past export shape (past-key-values.test.ts checks its inputs)
      'tiny-llama-past',
    ]),
  );
});

describe.each(models)('%s matches its PyTorch reference', (name) => {
  const manifest = readReferenceManifest(name);
  const dir = resolve(repoRoot, manifest.modelDir);
  const loaded: EccoModel[] = [];
  afterAll(async () => {
    for (const lm of loaded) await lm.dispose();
  });

  it.each(['fp32', 'q8'] as const)('%s', async (dtype) => {
    const lm = await EccoModel.fromPretrained(dir, { dtype });
    loaded.push(lm);
    expect(lm.config.modelType).toBe(manifest.modelType);
    expect(lm.layers).toEqual(manifest.layers);
    for (const text of manifest.texts) {
      const out = await lm.run(text.text, { logits: manifest.logits?.text === text.name });
      expect(out.tokens.map((t) => t.id)).toEqual(text.tokenIds);
      expect(out.tokens.map((t) => t.text)).toEqual(text.tokens);
      const acts = out.activations;
      expect(acts.layers).toEqual(manifest.layers);
      expect([acts.layers.length, acts.neurons, acts.positions]).toEqual(text.activations.shape);
      const ref = readReferenceFloats(name, text.activations.file);
      const size = acts.neurons * acts.positions;
      for (const [slot, layer] of acts.layers.entries()) {
        const mine = layerActivations(acts, layer);
        const theirs = ref.subarray(slot * size, (slot + 1) * size);
        const diff = maxAbsDiff(mine, theirs);
        if (dtype === 'fp32') {
          expect(diff, `${text.name} layer ${layer}`).toBeLessThanOrEqual(1e-4);
        } else {
          expect(diff, `${text.name} layer ${layer}`).toBeLessThanOrEqual(
            INT8_RELATIVE_MAX_DIFF * maxAbs(theirs),
          );
          expect(pearson(mine, theirs), `${text.name} layer ${layer}`).toBeGreaterThanOrEqual(
            INT8_MIN_PEARSON,
          );
        }
      }
      if (manifest.logits?.text === text.name) {
        const refLogits = readReferenceFloats(name, manifest.logits.file);
        expect(out.logits!.vocab).toBe(manifest.logits.shape[1]);
        const diff = maxAbsDiff(out.logits!.data, refLogits);
        expect(diff).toBeLessThanOrEqual(dtype === 'fp32' ? 1e-4 : 0.1 * maxAbs(refLogits));
      }
    }
  });

  it('gives the same results batched (with padding) as one by one', async () => {
    const lm = await EccoModel.fromPretrained(dir);
    loaded.push(lm);
    const texts = manifest.texts.map((t) => t.text);
    const batched = await lm.run(texts, { logits: lm.hasLogits });
    expect(batched).toHaveLength(texts.length);
    for (const [i, text] of texts.entries()) {
      const single = await lm.run(text, { logits: lm.hasLogits });
      expect(batched[i]!.tokens).toEqual(single.tokens);
      // Pads never appear: each result has exactly its own positions.
      expect(batched[i]!.activations.positions).toBe(manifest.texts[i]!.positions);
      expect(maxAbsDiff(batched[i]!.activations.data, single.activations.data)).toBeLessThan(1e-5);
      if (lm.hasLogits) {
        expect(maxAbsDiff(batched[i]!.logits!.data, single.logits!.data)).toBeLessThan(1e-4);
      }
    }
  });
});
