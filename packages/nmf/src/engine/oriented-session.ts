import type { EngineSession, ErrorTerms, FusedHalfStep } from './engine.js';
import type { Orientation } from './stored-matrix.js';

/** The products an engine runs on its stored M (see Orientation), by rows of M. */
export interface RowPassKernels {
  /** out (n × width) = M · b, with b m × width. */
  gather(b: Float32Array, out: Float32Array, width: number): void;
  /** out (m × width) = Mᵀ · a, with a n × width. */
  scatter(a: Float32Array, out: Float32Array, width: number): void;
  /** FusedHalfStep.run over the rows of M. */
  fused: FusedHalfStep['run'];
  /** EngineSession.errorTerms with big paired with M's rows and small with its columns. */
  errorTerms(big: Float32Array, small: Float32Array, width: number): ErrorTerms;
}

/** A session's own kernels (sweep, Gram, allocation); the products over X come on top. */
export type KernelSession = Omit<EngineSession, 'xTimes' | 'xtTimes' | 'fused' | 'errorTerms'>;

/** X·B, Xᵀ·A and the fused half-step in terms of M's row passes. */
export function orientedSession(
  base: KernelSession,
  { transposed }: Orientation,
  kernels: RowPassKernels,
): EngineSession {
  return {
    ...base,
    xTimes: transposed ? kernels.scatter : kernels.gather,
    xtTimes: transposed ? kernels.gather : kernels.scatter,
    fused: { sweeps: transposed ? 'H' : 'W', run: kernels.fused },
    errorTerms: (W, Ht, width) =>
      transposed ? kernels.errorTerms(Ht, W, width) : kernels.errorTerms(W, Ht, width),
  };
}
