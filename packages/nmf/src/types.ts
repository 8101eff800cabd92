import type { NmfEngine } from './engine/engine.js';

/** Initialisation schemes, as scikit-learn's `NMF(init=…)`. */
export type NmfInit = 'random' | 'nndsvd' | 'nndsvda' | 'nndsvdar';
/** 'cd': coordinate descent (scikit-learn's default); 'mu': multiplicative updates. */
export type NmfSolver = 'cd' | 'mu';
/** 'kullback-leibler' needs solver 'mu', as in scikit-learn. */
export type NmfBetaLoss = 'frobenius' | 'kullback-leibler';

/** Reported after each iteration (at most every `progressEveryMs`). */
export interface NmfProgress {
  iteration: number;
  maxIter: number;
  /** cd: the stopping criterion, violation ÷ first violation (stops at ≤ tol). */
  relativeViolation?: number;
  /** mu: ‖X − WH‖ (Frobenius) or √(2·divergence), computed every 10 iterations as scikit-learn. */
  error?: number;
}

export interface NmfOptions {
  /** Number of factors k, an integer ≥ 1. */
  nComponents: number;
  /**
   * Default as scikit-learn ≥ 1.1: 'nndsvda' when nComponents ≤ min(rows, cols), else 'random'.
   * ecco uses 'random'.
   */
  init?: NmfInit;
  /** Default 'cd'. */
  solver?: NmfSolver;
  /** Default 'frobenius'. */
  betaLoss?: NmfBetaLoss;
  /** Default 200 (scikit-learn's). */
  maxIter?: number;
  /** Default 1e-4. 0 runs all maxIter iterations. */
  tol?: number;
  /**
   * Seed of the 'random'/'nndsvdar' inits and the randomized SVD. Default 0 (scikit-learn's
   * default is unseeded; we prefer reproducible results).
   */
  randomState?: number;
  /** Aborting rejects with EccoError code 'ABORTED' between iterations. */
  signal?: AbortSignal;
  onProgress?: (progress: NmfProgress) => void;
  /** Minimum time between two onProgress calls, ms. Default 100. */
  progressEveryMs?: number;
  /**
   * Where the heavy arithmetic runs: 'auto' (default; WebAssembly SIMD when the runtime allows
   * it, else JavaScript), 'wasm', 'js', or an engine such as `createOrtEngine(ort)`.
   */
  engine?: 'auto' | 'wasm' | 'js' | NmfEngine;
}

export interface NmfResult {
  /** rows × nComponents, row-major. */
  W: Float32Array;
  /** nComponents × cols, row-major. */
  H: Float32Array;
  rows: number;
  cols: number;
  nComponents: number;
  /** Iterations run. */
  nIter: number;
  /** ‖X − WH‖_F for 'frobenius'; √(2·KL divergence) for 'kullback-leibler' (scikit-learn's reconstruction_err_). */
  reconstructionError: number;
  /** True when the tolerance stopped the solver before maxIter. */
  converged: boolean;
  /** Which engine did the arithmetic (e.g. 'wasm-sparse', 'js-dense', 'onnxruntime'). */
  engine: string;
}
