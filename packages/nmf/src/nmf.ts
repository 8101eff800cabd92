import { EccoError, isEccoError } from '@explainable-ecco/core';
import { solveCoordinateDescent } from './cd-solver.js';
import { type EngineSession, paddedWidth } from './engine/engine.js';
import { selectEngine } from './engine/select-engine.js';
import { frobeniusError } from './frobenius-error.js';
import { nndsvdInit } from './init-nndsvd.js';
import { randomInit } from './init-random.js';
import { klError } from './kl-updates.js';
import { solveMultiplicative } from './mu-solver.js';
import type { FactorBuffers, Problem } from './problem.js';
import { ProgressReporter } from './progress.js';
import { SeededRandom } from './random.js';
import { randomizedSvd, svdSampleCount } from './randomized-svd.js';
import type { NmfOptions, NmfResult } from './types.js';
import { type ResolvedNmfOptions, resolveOptions, validateMatrix } from './validate.js';
import { Pacer } from './yield-control.js';

/** How often long solves let the event loop run (ms of work). */
const YIELD_EVERY_MS = 25;

/**
 * Non-negative matrix factorization X ≈ W·H with scikit-learn's definitions
 * (`sklearn.decomposition.NMF`): objective ½‖X − WH‖²_F (or the generalised KL divergence
 * with solver 'mu'), the same inits, solvers and stopping rules.
 *
 * @param X rows × cols, row-major, finite and ≥ 0. Computation is float32 (as scikit-learn
 *   does for float32 input); errors are accumulated in float64.
 * @param shape [rows, cols].
 * @throws EccoError NMF_INVALID_INPUT (NaN/±Infinity, values above float32's range, negative
 *   values, empty or mis-shaped X), NMF_INVALID_COMPONENTS, INVALID_ARGUMENT (other options),
 *   ABORTED (options.signal), INTERNAL (the engine failed to start or during the solve; the
 *   original error is the cause).
 */
export async function nmf(
  X: Float32Array | Float64Array,
  shape: readonly [number, number],
  options: NmfOptions,
): Promise<NmfResult> {
  const { rows, cols } = validateMatrix(X, shape);
  const opts = resolveOptions(options, rows, cols);
  const engine = await selectEngine(options.engine);
  const k = opts.nComponents;
  const width = paddedWidth(k);
  const problem: Problem = {
    x: X instanceof Float32Array ? X : Float32Array.from(X),
    rows,
    cols,
    k,
    width,
  };
  const reserve =
    4 * (rows + cols) * width + 2 * width * width + (rows + cols) * svdWidthOf(problem, opts);
  let session: EngineSession;
  try {
    session = await engine.prepare(problem.x, rows, cols, reserve);
  } catch (cause) {
    if (isEccoError(cause)) throw cause;
    throw new EccoError('INTERNAL', `The ${engine.name} NMF engine failed to start.`, {
      hint: "Try engine 'js'.",
      cause,
    });
  }
  try {
    return await solve(session, problem, opts, options);
  } catch (cause) {
    if (isEccoError(cause)) throw cause;
    throw new EccoError('INTERNAL', `The ${session.name} NMF engine failed during the solve.`, {
      hint: "Try engine 'js'; if it fails there too, please report it with the matrix's shape.",
      details: { engine: session.name, rows, cols, nComponents: k },
      cause,
    });
  } finally {
    session.dispose();
  }
}

/** Lanes of the randomized SVD's buffers (none for the random init). */
function svdWidthOf({ rows, cols, k }: Problem, opts: ResolvedNmfOptions): number {
  return opts.init === 'random' ? 0 : paddedWidth(svdSampleCount(k, rows, cols));
}

async function solve(
  session: EngineSession,
  problem: Problem,
  opts: ResolvedNmfOptions,
  options: NmfOptions,
): Promise<NmfResult> {
  const { rows, cols, k, width } = problem;
  const factors: FactorBuffers = {
    W: session.alloc(rows * width),
    Ht: session.alloc(cols * width),
  };
  await initialize(session, problem, opts, factors);
  const control = {
    maxIter: opts.maxIter,
    tol: opts.tol,
    signal: options.signal,
    pacer: new Pacer(YIELD_EVERY_MS),
    progress: new ProgressReporter(options.onProgress, opts.progressEveryMs),
  };
  const { nIter, converged } =
    opts.solver === 'cd'
      ? await solveCoordinateDescent(session, problem, factors, control)
      : await solveMultiplicative(session, problem, factors, opts.betaLoss, control);
  const reconstructionError =
    opts.betaLoss === 'frobenius'
      ? frobeniusError(problem, factors, session)
      : klError(problem, factors);
  return {
    W: unpad(factors.W, rows, k, width),
    H: transposeUnpad(factors.Ht, cols, k, width),
    rows,
    cols,
    nComponents: k,
    nIter,
    reconstructionError,
    converged,
    engine: session.name,
  };
}

async function initialize(
  session: EngineSession,
  problem: Problem,
  opts: ResolvedNmfOptions,
  { W, Ht }: FactorBuffers,
): Promise<void> {
  const { x, rows, cols, k, width } = problem;
  const svdWidth = svdWidthOf(problem, opts);
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i];
  const meanX = sum / x.length;
  let init: { W: Float64Array; H: Float64Array };
  if (opts.init === 'random') {
    init = randomInit(meanX, rows, cols, k, new SeededRandom(opts.randomState));
  } else {
    const bufRows = session.alloc(rows * svdWidth);
    const bufCols = session.alloc(cols * svdWidth);
    const svd = await randomizedSvd(
      session,
      rows,
      cols,
      k,
      new SeededRandom(opts.randomState),
      bufRows,
      bufCols,
      svdWidth,
    );
    // A fresh generator with the same seed, as scikit-learn re-seeds for nndsvdar's fill.
    init = nndsvdInit(svd, rows, cols, k, opts.init, meanX, new SeededRandom(opts.randomState));
  }
  for (let i = 0; i < rows; i++) for (let t = 0; t < k; t++) W[i * width + t] = init.W[i * k + t];
  for (let t = 0; t < k; t++)
    for (let j = 0; j < cols; j++) Ht[j * width + t] = init.H[t * cols + j];
}

function unpad(a: Float32Array, n: number, k: number, width: number): Float32Array {
  const out = new Float32Array(n * k);
  for (let i = 0; i < n; i++) for (let t = 0; t < k; t++) out[i * k + t] = a[i * width + t];
  return out;
}

function transposeUnpad(a: Float32Array, n: number, k: number, width: number): Float32Array {
  const out = new Float32Array(k * n);
  for (let j = 0; j < n; j++) for (let t = 0; t < k; t++) out[t * n + j] = a[j * width + t];
  return out;
}
