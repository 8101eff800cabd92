import { EccoError, throwIfAborted } from '@explainable-ecco/core';
import type { NmfBetaLoss, NmfInit, NmfOptions, NmfSolver } from './types.js';

export const NMF_INITS: readonly NmfInit[] = ['random', 'nndsvd', 'nndsvda', 'nndsvdar'];
export const NMF_SOLVERS: readonly NmfSolver[] = ['cd', 'mu'];
export const NMF_BETA_LOSSES: readonly NmfBetaLoss[] = ['frobenius', 'kullback-leibler'];

/** Options with every default filled in. */
export interface ResolvedNmfOptions {
  nComponents: number;
  init: NmfInit;
  solver: NmfSolver;
  betaLoss: NmfBetaLoss;
  maxIter: number;
  tol: number;
  randomState: number;
  progressEveryMs: number;
}

/** The largest finite float32. */
const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * Throws NMF_INVALID_INPUT unless X is a finite, non-negative rows × cols float matrix whose
 * values fit float32.
 */
export function validateMatrix(x: unknown, shape: unknown): { rows: number; cols: number } {
  if (!(x instanceof Float32Array || x instanceof Float64Array)) {
    throw new EccoError('NMF_INVALID_INPUT', 'X must be a Float32Array or Float64Array.', {
      hint: 'Pass the matrix as one row-major typed array, e.g. Float32Array.from(values).',
    });
  }
  if (
    !Array.isArray(shape) ||
    shape.length !== 2 ||
    !shape.every((n) => Number.isInteger(n) && n >= 0)
  ) {
    throw new EccoError('NMF_INVALID_INPUT', 'shape must be [rows, cols] with integers ≥ 0.', {
      hint: 'For a 3 × 4 matrix pass [3, 4].',
      details: { shape },
    });
  }
  const [rows, cols] = shape as [number, number];
  if (rows === 0 || cols === 0) {
    throw new EccoError('NMF_INVALID_INPUT', `X is empty (shape [${rows}, ${cols}]).`, {
      hint: 'Factorize a matrix with at least one row and one column.',
      details: { rows, cols },
    });
  }
  if (x.length !== rows * cols) {
    throw new EccoError(
      'NMF_INVALID_INPUT',
      `X has ${x.length} values but shape [${rows}, ${cols}] needs ${rows * cols}.`,
      { hint: 'Check the shape, or that X is row-major and complete.', details: { rows, cols } },
    );
  }
  // Float64 input is computed in float32: a finite float64 above float32's range would become
  // Infinity there (and NaN factors), so it is refused like Infinity itself.
  const max = x instanceof Float64Array ? FLOAT32_MAX : Number.MAX_VALUE;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v >= 0 && v <= max) continue;
    const at = { row: Math.floor(i / cols), col: i % cols };
    if (v > max && v !== Number.POSITIVE_INFINITY) {
      throw new EccoError(
        'NMF_INVALID_INPUT',
        `X has a value (${v}) above float32's largest (${FLOAT32_MAX}) at row ${at.row}, column ${at.col}; NMF computes in float32.`,
        { hint: 'Rescale X (e.g. divide by its maximum) before factorizing.', details: at },
      );
    }
    if (Number.isNaN(v) || !Number.isFinite(v)) {
      throw new EccoError(
        'NMF_INVALID_INPUT',
        `X has a non-finite value (${v}) at row ${at.row}, column ${at.col}.`,
        { hint: 'Replace NaN and ±Infinity before factorizing.', details: at },
      );
    }
    throw new EccoError(
      'NMF_INVALID_INPUT',
      `X has a negative value (${v}) at row ${at.row}, column ${at.col}; NMF needs X ≥ 0.`,
      {
        hint: 'Clip negatives (Math.max(0, x)) first, or use runNmf(), which clips them as ecco does.',
        details: at,
      },
    );
  }
  return { rows, cols };
}

/** Fills in defaults and throws a typed error for any invalid option. */
export function resolveOptions(
  options: NmfOptions,
  rows: number,
  cols: number,
): ResolvedNmfOptions {
  if (!options || typeof options !== 'object') {
    throw new EccoError('INVALID_ARGUMENT', 'nmf() needs an options object.', {
      hint: 'Pass at least { nComponents }.',
    });
  }
  const k = options.nComponents;
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 1) {
    throw new EccoError(
      'NMF_INVALID_COMPONENTS',
      `nComponents must be an integer ≥ 1 (got ${String(k)}).`,
      {
        hint: 'ecco uses 10 by default; pick how many factors you want to see.',
        details: { nComponents: k },
      },
    );
  }
  const init = options.init ?? (k <= Math.min(rows, cols) ? 'nndsvda' : 'random');
  oneOf('init', init, NMF_INITS);
  if (init !== 'random' && k > Math.min(rows, cols)) {
    throw new EccoError(
      'NMF_INVALID_COMPONENTS',
      `init '${init}' needs nComponents ≤ min(rows, cols) = ${Math.min(rows, cols)} (got ${k}).`,
      { hint: "Use fewer components or init 'random'.", details: { nComponents: k, rows, cols } },
    );
  }
  const solver = options.solver ?? 'cd';
  oneOf('solver', solver, NMF_SOLVERS);
  const betaLoss = options.betaLoss ?? 'frobenius';
  oneOf('betaLoss', betaLoss, NMF_BETA_LOSSES);
  if (solver === 'cd' && betaLoss !== 'frobenius') {
    throw new EccoError(
      'INVALID_ARGUMENT',
      `betaLoss '${betaLoss}' needs solver 'mu'; coordinate descent minimises the Frobenius loss only.`,
      { hint: "Pass solver: 'mu'." },
    );
  }
  const maxIter = options.maxIter ?? 200;
  if (!Number.isInteger(maxIter) || maxIter < 1) {
    throw new EccoError('INVALID_ARGUMENT', `maxIter must be an integer ≥ 1 (got ${maxIter}).`, {
      hint: 'scikit-learn uses 200; ecco uses 500.',
    });
  }
  const tol = options.tol ?? 1e-4;
  if (typeof tol !== 'number' || !(tol >= 0) || !Number.isFinite(tol)) {
    throw new EccoError('INVALID_ARGUMENT', `tol must be a finite number ≥ 0 (got ${tol}).`, {
      hint: 'Use 1e-4 (the default), or 0 to run all maxIter iterations.',
    });
  }
  const randomState = options.randomState ?? 0;
  if (!Number.isInteger(randomState) || randomState < 0 || randomState > 0xffffffff) {
    throw new EccoError(
      'INVALID_ARGUMENT',
      `randomState must be an integer in [0, 2^32 − 1] (got ${randomState}).`,
      { hint: 'ecco uses 0.' },
    );
  }
  const progressEveryMs = options.progressEveryMs ?? 100;
  if (!(progressEveryMs >= 0)) {
    throw new EccoError('INVALID_ARGUMENT', 'progressEveryMs must be ≥ 0.');
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw new EccoError('INVALID_ARGUMENT', 'onProgress must be a function.');
  }
  throwIfAborted(options.signal, 'NMF');
  return { nComponents: k, init, solver, betaLoss, maxIter, tol, randomState, progressEveryMs };
}

function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): void {
  if (!allowed.includes(value as T)) {
    throw new EccoError(
      'INVALID_ARGUMENT',
      `${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')} (got ${JSON.stringify(value)}).`,
      { details: { [name]: value } },
    );
  }
}
