import { describe, expect, it } from 'vitest';
import { runNmf } from '../src/index.js';
import { randomInit } from '../src/init-random.js';
import { SeededRandom } from '../src/random.js';
import { fixtureMatrix, nmfManifest, referenceOutput } from './fixtures.js';
import { maxRelativeDiff } from './reference-kernels.js';

const manifest = nmfManifest();

describe('parity with scikit-learn and ecco', () => {
  it("draws scikit-learn's 'random' init (NumPy RandomState(0) normals)", () => {
    const entry = manifest.matrices.find((m) => m.name === 'lowrank-60x500')!;
    const sample = (entry as unknown as { randomInitSample: { W0: number[]; Hcol0: number[] } })
      .randomInitSample;
    const x = fixtureMatrix(entry);
    let sum = 0;
    for (const v of x) sum += v;
    const k = entry.nComponents;
    const { W, H } = randomInit(sum / x.length, entry.rows, entry.cols, k, new SeededRandom(0));
    for (let t = 0; t < k; t++) {
      // Equal up to the last bit of float32 (NumPy sums the mean in float32, we in float64).
      expect(W[t]).toBeCloseTo(sample.W0[t], 6);
      expect(Math.abs(W[t] / sample.W0[t] - 1)).toBeLessThan(3e-7);
      expect(Math.abs(H[t * entry.cols] / sample.Hcol0[t] - 1)).toBeLessThan(3e-7);
    }
  });

  for (const entry of manifest.matrices.filter((m) => m.kind === 'activations')) {
    it(`runNmf on ${entry.name} reproduces ecco's factors (W transposed)`, async () => {
      const expected = (entry as unknown as { eccoFactors: number[][] }).eccoFactors;
      const output = referenceOutput(entry.manifest!, entry.text!);
      const f = await runNmf(output, { nComponents: entry.nComponents });
      expect(f.factors).toHaveLength(expected.length);
      // Same init, same sweeps; only float32 rounding order differs.
      expect(maxRelativeDiff(f.factors.flat(), expected.flat())).toBeLessThan(1e-3);
      const sk = entry.sklearn.find((s) => s.init === 'random' && s.solver === 'cd')!;
      expect(f.reconstructionError! / sk.reconstructionError).toBeCloseTo(1, 4);
      expect(f.source?.nIter).toBe(sk.nIter);
    });
  }
});
