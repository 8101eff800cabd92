import { demoModelPath } from '@explainable-ecco/demo-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EccoModel } from '../src/node.js';

/** The bundled demo model (GPT-2 architecture) through its package's path export. */
describe('demo model', () => {
  let lm: EccoModel;
  beforeAll(async () => {
    lm = await EccoModel.fromPretrained(demoModelPath);
  });
  afterAll(async () => {
    await lm.dispose();
  });

  it('is captured at every layer by the gpt2 registry entry', () => {
    expect(lm.config.modelType).toBe('gpt2');
    expect(lm.capturePlan.method).toBe('registry');
    expect(lm.layers).toEqual(Array.from({ length: lm.config.numLayers! }, (_, i) => i));
    expect(lm.capturePlan.points.every((p) => /\/h\.\d+\/mlp\/c_proj\//.test(p.node))).toBe(true);
    expect(lm.tokenizerFamily).toBe('byte-bpe');
  });

  it('generates deterministically for a fixed seed, with activations for input + output positions', async () => {
    const prompt = 'One, two, three,';
    const options = { maxNewTokens: 12, temperature: 0.8, topK: 40, seed: 1234, stopAtEos: false };
    const a = await lm.generate(prompt, options);
    const b = await lm.generate(prompt, options);
    expect(a.tokens.map((t) => t.id)).toEqual(b.tokens.map((t) => t.id));
    expect(a.outputText).toBe(b.outputText);
    expect(Array.from(a.activations.data)).toEqual(Array.from(b.activations.data));
    expect(a.tokens).toHaveLength(a.inputLength + 12);
    expect(a.activations.positions).toBe(a.tokens.length);
    expect(a.activations.layers).toEqual(lm.layers);
    expect(a.tokens.slice(a.inputLength).every((t) => t.kind === 'output')).toBe(true);
    expect(a.tokens.slice(0, a.inputLength).every((t) => t.kind === 'input')).toBe(true);
    const greedy1 = await lm.generate(prompt, { maxNewTokens: 12 });
    const greedy2 = await lm.generate(prompt, { maxNewTokens: 12 });
    expect(greedy1.outputText).toBe(greedy2.outputText);
  });
});
