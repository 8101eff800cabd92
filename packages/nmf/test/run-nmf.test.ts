import {
  type ActivationCapture,
  isEccoError,
  type ModelOutput,
  makeTokens,
} from '@explainable-ecco/core';
import { describe, expect, it } from 'vitest';
import { nmf, runNmf } from '../src/index.js';

/** A capture whose layer l, neuron n, position p holds a value we can recognise. */
function capture(
  layers: number[],
  neurons: number,
  positions: number,
  seed = 1,
): ActivationCapture {
  const data = new Float32Array(layers.length * neurons * positions);
  let s = seed;
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    data[i] = (s / 2 ** 32) * 2 - 0.6; // about 30% negative, as GELU outputs
  }
  return { layers, neurons, positions, data };
}

function output(layers: number[], neurons: number, pieces: string[], seed = 1): ModelOutput {
  return {
    tokens: makeTokens(pieces.map((text) => ({ text }))),
    activations: capture(layers, neurons, pieces.length, seed),
  };
}

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (e) {
    expect(isEccoError(e)).toBe(true);
    return `${(e as { code: string }).code}: ${(e as Error).message}`;
  }
}

const words = ['The', 'Ġcat', 'Ġsat', 'Ġon', 'Ġthe', 'Ġmat', '.', 'ĠIt', 'Ġpur', 'red'];

describe('runNmf', () => {
  it("factorizes ecco's matrix: positions × neurons of the layers, negatives clipped", async () => {
    const out = output([0, 1, 2], 6, words);
    const f = await runNmf(out, { nComponents: 3, fromLayer: 1, toLayer: 3 });
    // Same as nmf() on the matrix built by hand.
    const { data, positions, neurons } = out.activations;
    const cols = 2 * neurons;
    const x = new Float32Array(positions * cols);
    for (let l = 1; l < 3; l++)
      for (let n = 0; n < neurons; n++)
        for (let p = 0; p < positions; p++)
          x[p * cols + (l - 1) * neurons + n] = Math.max(
            0,
            data[(l * neurons + n) * positions + p],
          );
    const direct = await nmf(x, [positions, cols], {
      nComponents: 3,
      init: 'random',
      randomState: 0,
      maxIter: 500,
    });
    expect(f.factors).toHaveLength(3);
    for (let t = 0; t < 3; t++)
      for (let p = 0; p < positions; p++) expect(f.factors[t][p]).toBe(direct.W[p * 3 + t]);
    expect(f.reconstructionError).toBe(direct.reconstructionError);
    expect(f.tokens).toBe(out.tokens);
    expect(f.tokenizerFamily).toBe('byte-bpe');
    expect(f.layers).toEqual([1, 2]);
    expect(f.source).toMatchObject({
      tool: 'explainable-ecco',
      nComponents: 3,
      fromLayer: 1,
      toLayer: 3,
    });
    // Loadings are H's rows over the neurons of layers 1 and 2.
    expect(f.loadings!.layers).toEqual([1, 2]);
    expect(f.loadings!.neuronsPerLayer).toBe(6);
    expect(f.loadings!.values).toHaveLength(3);
    expect([...f.loadings!.values[1]]).toEqual([...direct.H.subarray(cols, 2 * cols)]);
  });

  it('reports each factor’s share per layer (rows sum to 1, matching the loadings)', async () => {
    const f = await runNmf(output([0, 1, 2, 3], 5, words), { nComponents: 4 });
    expect(f.layerShare).toHaveLength(4);
    f.layerShare!.forEach((row, t) => {
      const values = f.loadings!.values[t];
      const total = values.reduce((a, b) => a + b, 0);
      if (total === 0) {
        expect(row.every((v) => v === 0)).toBe(true);
        return;
      }
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
      row.forEach((share, l) => {
        const mass = values.subarray(l * 5, (l + 1) * 5).reduce((a, b) => a + b, 0);
        expect(share).toBeCloseTo(mass / total, 10);
      });
    });
  });

  it('puts all of a factor in the one layer that carries the signal', async () => {
    // Layer 7 fires on even positions, layer 8 is silent: every factor must live in layer 7.
    const positions = 8;
    const neurons = 4;
    const data = new Float32Array(2 * neurons * positions);
    for (let n = 0; n < neurons; n++)
      for (let p = 0; p < positions; p += 2) data[n * positions + p] = 1 + n;
    const f = await runNmf({ layers: [7, 8], neurons, positions, data }, { nComponents: 1 });
    expect(f.layerShare).toEqual([[1, 0]]);
    expect(f.factors[0].filter((_, p) => p % 2 === 1).every((v) => v === 0)).toBe(true);
    expect(f.factors[0][0]).toBeGreaterThan(0);
  });

  it('keeps layer order numeric (2, 10, 11), never as strings', async () => {
    const f = await runNmf(output([2, 10, 11], 3, words), { nComponents: 2 });
    expect(f.layers).toEqual([2, 10, 11]);
    expect(f.source?.fromLayer).toBeUndefined(); // not a range
    const all = await runNmf(output([0, 1, 2], 3, words), { nComponents: 2 });
    expect(all.source).toMatchObject({ fromLayer: 0, toLayer: 3 });
    const g = await runNmf(output([2, 10, 11], 3, words), { nComponents: 2, fromLayer: 10 });
    expect(g.layers).toEqual([10, 11]);
    expect(g.source).toMatchObject({ fromLayer: 10, toLayer: 12 });
  });

  it("raises ecco's layer-range errors", async () => {
    const out = output([0, 1, 2, 3], 3, words);
    expect(await code(runNmf(out, { fromLayer: 2, toLayer: 2 }))).toMatch(
      /^LAYER_RANGE_INVALID: fromLayer \(2\) and toLayer \(2\) cannot be the same value/,
    );
    expect(await code(runNmf(out, { fromLayer: 3, toLayer: 1 }))).toMatch(
      /^LAYER_RANGE_INVALID: fromLayer \(3\) cannot be larger than toLayer \(1\)/,
    );
    expect(await code(runNmf(out, { fromLayer: 2, toLayer: 6 }))).toBe(
      'LAYER_NOT_CAPTURED: Not all layers between fromLayer (2) and toLayer (6) have recorded activations (missing: 4, 5). Layers with recorded activations are: 0, 1, 2, 3. Pick a range inside the captured layers, or capture the missing layers.',
    );
    expect(await code(runNmf(output([4, 5], 3, words), { toLayer: 5, fromLayer: 0 }))).toMatch(
      /^LAYER_NOT_CAPTURED: .*missing: 0, 1, 2, 3\).*are: 4, 5/,
    );
    expect(await code(runNmf(out, { fromLayer: -1 }))).toMatch(
      /^LAYER_RANGE_INVALID: fromLayer must be a non-negative integer/,
    );
    expect(await code(runNmf(out, { toLayer: 1.5 }))).toMatch(
      /^LAYER_RANGE_INVALID: toLayer must be/,
    );
  });

  it('clamps nComponents to the number of positions, as ecco', async () => {
    const f = await runNmf(output([0], 8, words.slice(0, 3)), { nComponents: 10 });
    expect(f.factors).toHaveLength(3);
    expect(f.source?.nComponents).toBe(3);
    expect(await code(runNmf(output([0], 8, words), { nComponents: 0 }))).toMatch(
      /^NMF_INVALID_COMPONENTS/,
    );
    expect(await code(runNmf(output([0], 8, words), { nComponents: 2.5 }))).toMatch(
      /^NMF_INVALID_COMPONENTS/,
    );
  });

  it('factorizes several sequences jointly and splits the factors back', async () => {
    const a = output([0, 1], 6, words.slice(0, 6), 3);
    const b = output([0, 1], 6, words.slice(0, 4), 4);
    const [fa, fb] = await runNmf([a, b], { nComponents: 3 });
    expect(fa.factors[0]).toHaveLength(6);
    expect(fb.factors[0]).toHaveLength(4);
    expect(fa.tokens).toBe(a.tokens);
    expect(fb.tokens).toBe(b.tokens);
    expect(fa.loadings).toBe(fb.loadings);
    expect(fa.source).toMatchObject({ jointSequences: 2 });
    // The joint matrix is a's positions followed by b's.
    const joint = {
      layers: [0, 1],
      neurons: 6,
      positions: 10,
      data: new Float32Array(2 * 6 * 10),
    };
    for (let r = 0; r < 12; r++) {
      joint.data.set(a.activations.data.subarray(r * 6, r * 6 + 6), r * 10);
      joint.data.set(b.activations.data.subarray(r * 4, r * 4 + 4), r * 10 + 6);
    }
    const fj = await runNmf(joint, { nComponents: 3 });
    expect(fj.factors[2].slice(0, 6)).toEqual(fa.factors[2]);
    expect(fj.factors[2].slice(6)).toEqual(fb.factors[2]);
    // A one-element array still returns an array.
    const single = await runNmf([a], { nComponents: 2 });
    expect(Array.isArray(single)).toBe(true);
  });

  it('gives a bare capture placeholder tokens #0, #1, …', async () => {
    const f = await runNmf(capture([0], 4, 3), { nComponents: 2 });
    expect(f.tokens.map((t) => t.text)).toEqual(['#0', '#1', '#2']);
    expect(f.tokens.every((t) => t.id === -1 && t.kind === 'input')).toBe(true);
    expect(f.tokenizerFamily).toBeUndefined();
  });

  it('refuses inconsistent or broken input with typed errors', async () => {
    const a = output([0, 1], 6, words);
    expect(await code(runNmf([a, output([0, 2], 6, words)]))).toMatch(
      /^INVALID_CAPTURE: Sequence 1 was captured with layers \[0, 2\]/,
    );
    expect(await code(runNmf([a, output([0, 1], 5, words)]))).toMatch(
      /^INVALID_CAPTURE: .*× 5 neurons/,
    );
    expect(await code(runNmf([]))).toMatch(/^INVALID_ARGUMENT: runNmf\(\) got an empty array/);
    expect(await code(runNmf({ ...a, tokens: a.tokens.slice(1) }))).toMatch(
      /^INVALID_CAPTURE: Sequence 0 has 9 tokens but activations for 10 positions/,
    );
    expect(
      await code(runNmf({ layers: [0], neurons: 2, positions: 2, data: new Float32Array(3) })),
    ).toMatch(/^INVALID_CAPTURE/);
    const nan = capture([0, 1], 3, 4);
    nan.data[3 * 4 + 2 * 4 + 1] = Number.NaN;
    expect(await code(runNmf(nan))).toBe(
      'NMF_INVALID_INPUT: Activations contain NaN (sequence 0, layer 1, neuron 2, position 1). The model produced non-finite activations; check the model and its inputs.',
    );
    expect(await code(runNmf(null as unknown as ActivationCapture))).toMatch(/^INVALID_ARGUMENT/);
    const aborted = new AbortController();
    aborted.abort();
    expect(await code(runNmf(a, { signal: aborted.signal }))).toMatch(/^ABORTED/);
  });
});
