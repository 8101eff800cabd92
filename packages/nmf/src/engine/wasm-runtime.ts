import { EccoError } from '@explainable-ecco/core';
import { KERNELS_SHARED_WASM_BASE64, KERNELS_WASM_BASE64 } from './kernels-wasm.js';

/** The exports of assembly/kernels.ts (pointers are byte offsets into the memory). */
export interface KernelExports {
  sparseTimesK(
    nRows: number,
    rowPtr: number,
    colIdx: number,
    vals: number,
    b: number,
    out: number,
    kq: number,
    accumulate: number,
  ): void;
  denseTimesK(
    nRows: number,
    nCols: number,
    a: number,
    lda: number,
    b: number,
    out: number,
    kq: number,
    accumulate: number,
  ): void;
  cdSweep(
    n: number,
    a: number,
    gram: number,
    cross: number,
    k: number,
    kq: number,
    gramOut: number,
    scratch: number,
  ): number;
  gramOf(n: number, a: number, k: number, kq: number, out: number): void;
  sweepScratchBytes(k: number, kq: number): number;
  sparseScatterK(
    nRows: number,
    rowPtr: number,
    colIdx: number,
    vals: number,
    a: number,
    out: number,
    kq: number,
  ): void;
  denseScatterK(
    nRows: number,
    nCols: number,
    m: number,
    lda: number,
    a: number,
    out: number,
    kq: number,
  ): void;
  fusedSparsePass(
    n: number,
    rowPtr: number,
    colIdx: number,
    vals: number,
    a: number,
    gram: number,
    b: number,
    m: number,
    acc: number,
    k: number,
    kq: number,
    gramOut: number,
    scratch: number,
  ): number;
  fusedDensePass(
    n: number,
    mat: number,
    lda: number,
    a: number,
    gram: number,
    b: number,
    m: number,
    acc: number,
    k: number,
    kq: number,
    gramOut: number,
    scratch: number,
  ): number;
  fusedScratchBytes(k: number, kq: number): number;
  sparseErrorTerms(
    n: number,
    rowPtr: number,
    colIdx: number,
    vals: number,
    big: number,
    small: number,
    kq: number,
    acc: number,
    out: number,
  ): void;
  denseErrorTerms(
    n: number,
    m: number,
    mat: number,
    lda: number,
    big: number,
    small: number,
    kq: number,
    acc: number,
    out: number,
  ): void;
}

const PAGE = 65536;
/** Room beyond the caller's reserve for kernel scratch space and alignment. */
const SLACK = 65536;
/** wasm32 addresses 4 GiB; engines may refuse less, which `instantiateKernels` reports. */
export const MAX_WASM_BYTES = 65536 * PAGE;

const compiled: { plain?: Promise<WebAssembly.Module>; shared?: Promise<WebAssembly.Module> } = {};

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Compiles the kernels once per realm; rejects where WebAssembly or its SIMD is unavailable.
 * `shared`: the variant importing a shared memory (threads).
 */
export function compileKernels(shared = false): Promise<WebAssembly.Module> {
  const key = shared ? 'shared' : 'plain';
  compiled[key] ??= (async () => {
    if (typeof WebAssembly !== 'object') throw new Error('WebAssembly is not available');
    const base64 = shared ? KERNELS_SHARED_WASM_BASE64 : KERNELS_WASM_BASE64;
    return WebAssembly.compile(decodeBase64(base64) as Uint8Array<ArrayBuffer>);
  })();
  return compiled[key];
}

/**
 * One kernel instance with its own memory of a fixed size, handed out by a bump allocator.
 * The memory never grows, so typed-array views into it stay valid for the instance's life.
 */
export class WasmArena {
  readonly memory: WebAssembly.Memory;
  readonly kernels: KernelExports;
  readonly module: WebAssembly.Module;
  private top = 16; // offset 0 stays unused so that 0 can mean "no buffer"
  private scratchAt = 0;
  private scratchBytes = 0;

  private constructor(
    memory: WebAssembly.Memory,
    kernels: KernelExports,
    module: WebAssembly.Module,
  ) {
    this.memory = memory;
    this.kernels = kernels;
    this.module = module;
  }

  /**
   * An arena able to hold `bytes` of allocations (each rounded up to 16 bytes); `shared`
   * backs it with a SharedArrayBuffer that other threads can instantiate the kernels on.
   */
  static async create(bytes: number, shared = false): Promise<WasmArena> {
    const total = Math.ceil((bytes + SLACK) / PAGE) * PAGE;
    if (total > MAX_WASM_BYTES) {
      throw new EccoError(
        'NMF_INVALID_INPUT',
        `The matrix needs ${(total / 2 ** 30).toFixed(1)} GiB of WebAssembly memory, more than its 4 GiB limit.`,
        { hint: "Use engine 'js', or factorize fewer layers or positions." },
      );
    }
    const module = await compileKernels(shared);
    let memory: WebAssembly.Memory;
    try {
      const pages = total / PAGE;
      memory = new WebAssembly.Memory(
        shared ? { initial: pages, maximum: pages, shared: true } : { initial: pages },
      );
    } catch (cause) {
      throw new EccoError(
        'NMF_INVALID_INPUT',
        `Could not reserve ${(total / 2 ** 20).toFixed(0)} MiB of WebAssembly memory.`,
        { hint: "Use engine 'js', or factorize fewer layers or positions.", cause },
      );
    }
    const instance = await WebAssembly.instantiate(module, { env: { memory } });
    return new WasmArena(memory, instance.exports as unknown as KernelExports, module);
  }

  private take(bytes: number): number {
    const at = this.top;
    const next = at + Math.ceil(bytes / 16) * 16;
    if (next > this.memory.buffer.byteLength) {
      throw new EccoError('INTERNAL', 'WebAssembly arena exhausted (reserve too small).');
    }
    this.top = next;
    return at;
  }

  f32(length: number): Float32Array {
    return new Float32Array(this.memory.buffer, this.take(length * 4), length);
  }

  u32(length: number): Uint32Array {
    return new Uint32Array(this.memory.buffer, this.take(length * 4), length);
  }

  i32(length: number): Int32Array {
    return new Int32Array(this.memory.buffer, this.take(length * 4), length);
  }

  f64(length: number): Float64Array {
    return new Float64Array(this.memory.buffer, this.take(length * 8), length);
  }

  /** Working space for one kernel call (reused between calls). */
  scratch(bytes: number): number {
    if (bytes > this.scratchBytes) {
      this.scratchBytes = bytes;
      this.scratchAt = this.take(bytes);
    }
    return this.scratchAt;
  }

  /** Byte offset of a view that lives in this arena. */
  offsetOf(view: ArrayBufferView): number {
    if (view.buffer !== this.memory.buffer) {
      throw new EccoError('INTERNAL', 'Buffer does not belong to this WebAssembly session.');
    }
    return view.byteOffset;
  }
}
