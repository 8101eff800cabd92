/**
 * The sizes one factorization works with: X is rows × cols; W (rows × width) and Hᵀ
 * (cols × width) hold k factors, padded with zero lanes up to width (see paddedWidth).
 */
export interface FactorShape {
  rows: number;
  cols: number;
  k: number;
  width: number;
}

/** X (row-major float32) with the shapes of its factorization. */
export interface Problem extends FactorShape {
  x: Float32Array;
}

/** The solver's state: W (rows × width) and Hᵀ (cols × width) in session buffers. */
export interface FactorBuffers {
  W: Float32Array;
  Ht: Float32Array;
}
