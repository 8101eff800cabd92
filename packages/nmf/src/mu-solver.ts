import { throwIfAborted } from '@explainable-ecco/core';
import type { SolveControl } from './cd-solver.js';
import type { EngineSession } from './engine/engine.js';
import { frobeniusErrorFromProducts, squaredNorm } from './frobenius-error.js';
import { EPSILON32, klError, klUpdateH, klUpdateW } from './kl-updates.js';
import type { FactorBuffers, Problem } from './problem.js';
import type { NmfBetaLoss } from './types.js';

/**
 * scikit-learn's multiplicative-update solver (`_fit_multiplicative_update`, no
 * regularisation): W then H per iteration; every 10 iterations (when tol > 0) it stops once
 * (previous error − error) / initial error < tol.
 */
export async function solveMultiplicative(
  session: EngineSession,
  problem: Problem,
  factors: FactorBuffers,
  betaLoss: NmfBetaLoss,
  control: SolveControl,
): Promise<{ nIter: number; converged: boolean }> {
  const step =
    betaLoss === 'frobenius'
      ? frobeniusStepper(session, problem, factors)
      : klStepper(problem, factors);
  const errorAtInit = await step.error();
  let previous = errorAtInit;
  for (let iter = 1; iter <= control.maxIter; iter++) {
    throwIfAborted(control.signal, 'NMF');
    await step.iterate();
    let error: number | undefined;
    let done = false;
    if (control.tol > 0 && iter % 10 === 0) {
      error = await step.error();
      done = errorAtInit === 0 || (previous - error) / errorAtInit < control.tol;
      previous = error;
    }
    control.progress.report(
      { iteration: iter, maxIter: control.maxIter, error },
      done || iter === control.maxIter,
    );
    if (done) return { nIter: iter, converged: true };
    await control.pacer.maybeYield();
  }
  return { nIter: control.maxIter, converged: false };
}

interface Stepper {
  iterate(): Promise<void>;
  error(): Promise<number>;
}

/**
 * The Frobenius rule on the session's products. X·Hᵀ and HHᵀ (one pass over X) and WᵀW are
 * formed once per factor update and shared by the error and the next half-step, so evaluating
 * the error costs no extra pass over X.
 */
function frobeniusStepper(
  session: EngineSession,
  problem: Problem,
  { W, Ht }: FactorBuffers,
): Stepper {
  const { x, rows, cols, k, width } = problem;
  const XHt = session.alloc(rows * width);
  const XtW = session.alloc(cols * width);
  const HHt = session.alloc(width * width);
  const WtW = session.alloc(width * width);
  const normX2 = squaredNorm(x);
  /** Whether XHt and HHt hold the products of the current Hᵀ, and WtW WᵀW of the current W. */
  let hProductsCurrent = false;
  let wGramCurrent = false;
  const hProducts = async () => {
    if (hProductsCurrent) return;
    await session.xTimes(Ht, XHt, width);
    session.gram(Ht, cols, k, width, HHt);
    hProductsCurrent = true;
  };
  return {
    async iterate() {
      await hProducts();
      multiplicativeStep(W, rows, XHt, HHt, k, width);
      await session.xtTimes(W, XtW, width);
      session.gram(W, rows, k, width, WtW);
      wGramCurrent = true;
      multiplicativeStep(Ht, cols, XtW, WtW, k, width);
      hProductsCurrent = false;
    },
    async error() {
      await hProducts();
      if (!wGramCurrent) session.gram(W, rows, k, width, WtW);
      wGramCurrent = true;
      return frobeniusErrorFromProducts(normX2, W, { XHt, WtW, HHt }, problem);
    },
  };
}

/** a ∘= numerator / (a · gram), the Frobenius multiplicative rule for one side. */
function multiplicativeStep(
  a: Float32Array,
  n: number,
  numerator: Float32Array,
  gram: Float32Array,
  k: number,
  width: number,
): void {
  const row = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const o = i * width;
    for (let t = 0; t < k; t++) {
      let d = 0;
      for (let r = 0; r < k; r++) d += a[o + r] * gram[r * width + t];
      row[t] = d === 0 ? EPSILON32 : d;
    }
    for (let t = 0; t < k; t++) a[o + t] *= numerator[o + t] / row[t];
  }
}

function klStepper(problem: Problem, factors: FactorBuffers): Stepper {
  return {
    async iterate() {
      klUpdateW(problem, factors);
      klUpdateH(problem, factors);
    },
    async error() {
      return klError(problem, factors);
    },
  };
}
