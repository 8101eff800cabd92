/**
 * The arithmetic behind the solvers, behind one interface so that the same solver code runs on
 * WebAssembly SIMD, plain JavaScript, or onnxruntime (Node or web) for the two large products.
 *
 * Layouts: a "k-matrix" is n × width float32, row-major, width a multiple of 4 (factors padded
 * with zero lanes). X is never handed back: sessions keep it in whatever form suits them.
 */
export interface NmfEngine {
  /** Short identifier, e.g. 'wasm', 'js', 'onnxruntime'. */
  readonly name: string;
  /**
   * Takes X (rows × cols, row-major, non-negative, finite) and reserves `reserveFloats` of
   * workspace for `alloc`. The engine may keep a reference to `x` or copy it.
   */
  prepare(
    x: Float32Array,
    rows: number,
    cols: number,
    reserveFloats: number,
  ): Promise<EngineSession>;
}

export interface EngineSession {
  /** What ran, e.g. 'wasm-sparse' or 'onnxruntime+wasm'. */
  readonly name: string;
  /** A zeroed float32 buffer the session's kernels can address (at most the reserve in all). */
  alloc(length: number): Float32Array;
  /** out (rows × width) = X · b, with b cols × width. */
  xTimes(b: Float32Array, out: Float32Array, width: number): void | Promise<void>;
  /** out (cols × width) = Xᵀ · a, with a rows × width. */
  xtTimes(a: Float32Array, out: Float32Array, width: number): void | Promise<void>;
  /**
   * One scikit-learn coordinate-descent sweep over the n rows of `a` (n × width) for the
   * objective ½‖cross-side‖: gradient row i = a[i]·gram − cross[i]. Returns the summed
   * projected-gradient violation. When `gramOut` is given it receives aᵀa of the updated rows.
   */
  sweep(
    a: Float32Array,
    n: number,
    gram: Float32Array,
    cross: Float32Array,
    k: number,
    width: number,
    gramOut: Float32Array | null,
  ): number;
  /** out (width × width) = aᵀa for a (n × width), lanes ≥ k left zero. */
  gram(a: Float32Array, n: number, k: number, width: number, out: Float32Array): void;
  /**
   * A half-step of the cd solver fused with the product the other half-step needs, in one pass
   * over X. Sessions without it run the half-steps from `xTimes`/`xtTimes` and `sweep`.
   */
  fused?: FusedHalfStep;
  /**
   * The terms of ‖X − WH‖²_F that need X, accumulated in float64: ‖X‖² and Σ X∘(WH), for W
   * (rows × width) and Hᵀ (cols × width). Sessions without it leave them to plain JavaScript.
   */
  errorTerms?(W: Float32Array, Ht: Float32Array, width: number): ErrorTerms;
  dispose(): void;
}

export interface ErrorTerms {
  squaredNorm: number;
  cross: number;
}

/**
 * One pass over X that sweeps the factor paired with X's larger dimension and leaves the
 * product the other half-step needs next, so each cd iteration reads X once:
 *
 * - `sweeps: 'H'` (X stored by columns): `run(Ht, WtW, W, product, …, HHt)` sweeps Hᵀ
 *   (cols × width) against WᵀW and XᵀW (formed column by column from W), then leaves X·Hᵀ of the
 *   updated Hᵀ in `product` (rows × width) for the next W half-step, and HHᵀ in `gramOut`.
 * - `sweeps: 'W'` (X stored by rows): `run(W, HHt, Ht, product, …, WtW)` sweeps W against HHᵀ
 *   and X·Hᵀ (formed row by row from Hᵀ), then leaves Xᵀ·W in `product` (cols × width) for this
 *   iteration's H half-step, and WᵀW in `gramOut`.
 *
 * Returns the sweep's projected-gradient violation, as `sweep` does. Results equal the
 * unfused half-steps' up to the order of floating-point sums.
 */
export interface FusedHalfStep {
  readonly sweeps: 'H' | 'W';
  run(
    a: Float32Array,
    gram: Float32Array,
    other: Float32Array,
    product: Float32Array,
    k: number,
    width: number,
    gramOut: Float32Array,
  ): number;
}

/** Factors padded to a multiple of 4 lanes (one SIMD register holds four float32). */
export function paddedWidth(k: number): number {
  return Math.ceil(k / 4) * 4;
}
