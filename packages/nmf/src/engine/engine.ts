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
  dispose(): void;
}

/** Factors padded to a multiple of 4 lanes (one SIMD register holds four float32). */
export function paddedWidth(k: number): number {
  return Math.ceil(k / 4) * 4;
}
