import { throwIfAborted } from '@explainable-ecco/core';
import type { EngineSession } from './engine/engine.js';
import type { FactorBuffers, FactorShape } from './problem.js';
import type { ProgressReporter } from './progress.js';
import type { Pacer } from './yield-control.js';

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
 * Each sweep also leaves the Gram matrix the next half-step needs. Sessions with a fused
 * half-step read X once per iteration instead of once per product.
 */
export async function solveCoordinateDescent(
  session: EngineSession,
  shape: FactorShape,
  factors: FactorBuffers,
  control: SolveControl,
): Promise<{ nIter: number; converged: boolean }> {
  const { cols, k, width } = shape;
  const HHt = session.alloc(width * width);
  const WtW = session.alloc(width * width);
  session.gram(factors.Ht, cols, k, width, HHt);
  const iterate = await iteration(session, shape, factors, { HHt, WtW });
  let violationInit = 0;
  for (let iter = 1; iter <= control.maxIter; iter++) {
    throwIfAborted(control.signal, 'NMF');
    const violation = await iterate();
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

/**
 * One iteration (W half-step, then H half-step) as a function returning its violation, on
 * whichever path the session offers. HHt holds HHᵀ of the current H on entry and on exit.
 */
async function iteration(
  session: EngineSession,
  { rows, cols, k, width }: FactorShape,
  { W, Ht }: FactorBuffers,
  { HHt, WtW }: { HHt: Float32Array; WtW: Float32Array },
): Promise<() => number | Promise<number>> {
  const fused = session.fused;
  if (fused?.sweeps === 'H') {
    // X·Hᵀ for the first W half-step; later ones get it from the previous iteration's pass.
    const XHt = session.alloc(rows * width);
    await session.xTimes(Ht, XHt, width);
    return () =>
      session.sweep(W, rows, HHt, XHt, k, width, WtW) + fused.run(Ht, WtW, W, XHt, k, width, HHt);
  }
  if (fused?.sweeps === 'W') {
    const XtW = session.alloc(cols * width);
    return () =>
      fused.run(W, HHt, Ht, XtW, k, width, WtW) + session.sweep(Ht, cols, WtW, XtW, k, width, HHt);
  }
  const XHt = session.alloc(rows * width);
  const XtW = session.alloc(cols * width);
  return async () => {
    await session.xTimes(Ht, XHt, width);
    const violation = session.sweep(W, rows, HHt, XHt, k, width, WtW);
    await session.xtTimes(W, XtW, width);
    return violation + session.sweep(Ht, cols, WtW, XtW, k, width, HHt);
  };
}
