import { throwIfAborted } from '@explainable-ecco/core';
import type { EngineSession } from './engine/engine.js';
import type { ProgressReporter } from './progress.js';
import type { Pacer } from './yield-control.js';

/** The solver's state: W (rows × width) and Hᵀ (cols × width) in session buffers. */
export interface FactorBuffers {
  W: Float32Array;
  Ht: Float32Array;
}

export interface SolveControl {
  maxIter: number;
  tol: number;
  signal: AbortSignal | undefined;
  pacer: Pacer;
  progress: ProgressReporter;
}

/**
 * scikit-learn's coordinate-descent solver (`_fit_coordinate_descent`, no regularisation,
 * shuffle=False): each iteration sweeps W against (HHᵀ, XHᵀ), then Hᵀ against (WᵀW, XᵀW);
 * it stops when the summed projected-gradient violation falls to tol × the first iteration's.
 * Each sweep also leaves the Gram matrix the next half-step needs.
 */
export async function solveCoordinateDescent(
  session: EngineSession,
  rows: number,
  cols: number,
  k: number,
  width: number,
  { W, Ht }: FactorBuffers,
  control: SolveControl,
): Promise<{ nIter: number; converged: boolean }> {
  const XHt = session.alloc(rows * width);
  const XtW = session.alloc(cols * width);
  const HHt = session.alloc(width * width);
  const WtW = session.alloc(width * width);
  session.gram(Ht, cols, k, width, HHt);
  let violationInit = 0;
  for (let iter = 1; iter <= control.maxIter; iter++) {
    throwIfAborted(control.signal, 'NMF');
    await session.xTimes(Ht, XHt, width);
    let violation = session.sweep(W, rows, HHt, XHt, k, width, WtW);
    await session.xtTimes(W, XtW, width);
    violation += session.sweep(Ht, cols, WtW, XtW, k, width, HHt);
    if (iter === 1) violationInit = violation;
    const relativeViolation = violationInit === 0 ? 0 : violation / violationInit;
    const done = violationInit === 0 || relativeViolation <= control.tol;
    control.progress.report(
      { iteration: iter, maxIter: control.maxIter, relativeViolation },
      done || iter === control.maxIter,
    );
    if (done) return { nIter: iter, converged: true };
    await control.pacer.maybeYield();
  }
  return { nIter: control.maxIter, converged: false };
}
