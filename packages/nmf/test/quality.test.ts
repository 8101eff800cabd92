import { describe, expect, it } from 'vitest';
import { nmf } from '../src/index.js';
import { fixtureMatrix, nmfManifest } from './fixtures.js';

const manifest = nmfManifest();

describe('quality against scikit-learn (fixtures/nmf/manifest.json)', () => {
  it('has synthetic and real-activation fixtures recorded by scikit-learn', () => {
    expect(manifest.sklearnVersion).toMatch(/^\d+\.\d+/);
    expect(manifest.matrices.some((m) => m.kind === 'synthetic')).toBe(true);
    expect(manifest.matrices.some((m) => m.kind === 'activations')).toBe(true);
  });

  for (const entry of manifest.matrices) {
    const x = fixtureMatrix(entry);
    for (const reference of entry.sklearn) {
      const setting = `${reference.init}/${reference.solver}/${reference.betaLoss}`;
      // The acceptance setting runs on both engines; the others on the default one.
      const engines: ('wasm' | 'js')[] =
        setting === 'random/cd/frobenius' && entry.rows * entry.cols <= 250_000
          ? ['wasm', 'js']
          : ['wasm'];
      for (const engine of engines) {
        it(`${entry.name} ${setting} (${engine}): error ≤ 1.01 × scikit-learn's`, async () => {
          const result = await nmf(x, [entry.rows, entry.cols], {
            nComponents: entry.nComponents,
            init: reference.init,
            solver: reference.solver,
            betaLoss: reference.betaLoss,
            maxIter: reference.maxIter,
            tol: reference.tol,
            randomState: 0,
            engine,
          });
          expect(result.reconstructionError).toBeLessThanOrEqual(
            1.01 * reference.reconstructionError,
          );
          // Not suspiciously better either: that would mean a different objective.
          expect(result.reconstructionError).toBeGreaterThan(0.9 * reference.reconstructionError);
          expect(result.nIter).toBeLessThanOrEqual(reference.maxIter);
        });
      }
    }
  }
});
