import { EccoError } from '@explainable-ecco/core';
import { instantiateKernel, type WasmKernel } from './vector-kernel.js';
import { dotAt, normalizeInPlace } from './vector-math.js';

export type KernelChoice = 'auto' | 'wasm' | 'js';

/** How many rows one batched kernel call handles (size of the id and output scratch areas). */
export const BATCH = 1024;
const PAGE = 65536;

/**
 * Unit vectors in one contiguous, growable block of memory, with batched dot products against a
 * query. Rows are zero-padded to a multiple of 4 floats so the WebAssembly SIMD kernel can read
 * whole f32x4 lanes; without WebAssembly SIMD the same layout is served by JavaScript loops.
 *
 * Layout in 4-byte units: [query: stride][ids: BATCH][out: BATCH][rows: capacity × stride].
 */
export class VectorStore {
  readonly dimensions: number;
  /** Floats per row (dimensions rounded up to a multiple of 4). */
  readonly stride: number;
  readonly queryOffset = 0;
  readonly idsOffset: number;
  readonly outOffset: number;
  readonly rowsOffset: number;
  /** Views over the whole block; re-read after `add`, which may move the block. */
  f32!: Float32Array;
  i32!: Int32Array;
  private count = 0;
  private capacity = 0;
  private readonly memory: WebAssembly.Memory | undefined;
  private readonly kernel: WasmKernel | undefined;

  constructor(dimensions: number, options: { capacity?: number; kernel?: KernelChoice } = {}) {
    if (!Number.isInteger(dimensions) || dimensions <= 0) {
      throw new EccoError(
        'INVALID_ARGUMENT',
        `Vector dimensions must be a positive integer, got ${dimensions}.`,
      );
    }
    this.dimensions = dimensions;
    this.stride = Math.ceil(dimensions / 4) * 4;
    this.idsOffset = this.stride;
    this.outOffset = this.idsOffset + BATCH;
    this.rowsOffset = this.outOffset + BATCH;
    const capacity = Math.max(16, options.capacity ?? 16);
    const choice = options.kernel ?? 'auto';
    if (choice !== 'js' && typeof WebAssembly === 'object') {
      const memory = new WebAssembly.Memory({ initial: Math.ceil(this.bytesFor(capacity) / PAGE) });
      const kernel = instantiateKernel(memory);
      if (kernel) {
        this.memory = memory;
        this.kernel = kernel;
      }
    }
    if (choice === 'wasm' && !this.kernel) {
      throw new EccoError('INTERNAL', 'WebAssembly SIMD is not available here.', {
        hint: "Use kernel: 'auto' or 'js'.",
      });
    }
    this.reserve(capacity);
  }

  /** 'wasm' when dot products run in the WebAssembly SIMD kernel, else 'js'. */
  get kernelName(): 'wasm' | 'js' {
    return this.kernel ? 'wasm' : 'js';
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held for vectors and scratch space. */
  get byteLength(): number {
    return this.f32.byteLength;
  }

  /** Appends a copy of `vector`, scaled to unit length (unless `normalized`); returns its row. */
  add(vector: ArrayLike<number>, normalized = false): number {
    if (vector.length !== this.dimensions) {
      throw new EccoError(
        'EMBEDDER_MISMATCH',
        `A vector has ${vector.length} dimensions; the index has ${this.dimensions}.`,
        {
          hint: 'Use the same embedder for every vector of an index.',
        },
      );
    }
    if (this.count === this.capacity) this.reserve(this.capacity * 2);
    const offset = this.rowsOffset + this.count * this.stride;
    this.f32.set(vector, offset);
    if (!normalized && !normalizeInPlace(this.f32, offset, this.dimensions)) {
      this.f32.fill(0, offset, offset + this.dimensions);
      throw new EccoError(
        'EMBEDDING_FAILED',
        'A vector is all zeros or not finite, so it has no direction to compare.',
        {
          hint: 'Check the embedder: it returned an empty or broken embedding.',
        },
      );
    }
    if (normalized && !this.f32.subarray(offset, offset + this.dimensions).every(Number.isFinite)) {
      this.f32.fill(0, offset, offset + this.dimensions);
      throw new EccoError('INDEX_CORRUPT', 'A saved vector is not finite.', {
        hint: 'Rebuild the index.',
      });
    }
    return this.count++;
  }

  /** Row `i` (a view; valid until the next `add`). */
  row(i: number): Float32Array {
    const offset = this.rowsOffset + i * this.stride;
    return this.f32.subarray(offset, offset + this.dimensions);
  }

  /** All rows without padding, as one `size × dimensions` copy. */
  compact(): Float32Array {
    const out = new Float32Array(this.count * this.dimensions);
    for (let i = 0; i < this.count; i++) out.set(this.row(i), i * this.dimensions);
    return out;
  }

  /** Cosine of rows i and j. */
  dot(i: number, j: number): number {
    const a = this.rowsOffset + i * this.stride;
    const b = this.rowsOffset + j * this.stride;
    if (this.kernel) return this.kernel.dot(a * 4, b * 4, this.stride * 4);
    return dotAt(this.f32, a, this.f32, b, this.dimensions);
  }

  /** Copies a unit-length query into the query area (used by `dots*` with queryRow −1). */
  setQuery(query: Float32Array): void {
    this.f32.fill(0, this.queryOffset, this.queryOffset + this.stride);
    this.f32.set(query.subarray(0, this.dimensions), this.queryOffset);
  }

  /** out[k] = dot(row ids[k], query) for k < n; ids and out are the scratch areas; query is a row, or −1 for the query area. */
  dotsIds(queryRow: number, n: number): void {
    const q = queryRow < 0 ? this.queryOffset : this.rowsOffset + queryRow * this.stride;
    if (this.kernel) {
      this.kernel.dots_ids(
        this.rowsOffset * 4,
        this.stride * 4,
        q * 4,
        this.idsOffset * 4,
        n,
        this.outOffset * 4,
      );
      return;
    }
    const { f32, i32 } = this;
    for (let k = 0; k < n; k++) {
      f32[this.outOffset + k] = dotAt(
        f32,
        this.rowsOffset + i32[this.idsOffset + k]! * this.stride,
        f32,
        q,
        this.dimensions,
      );
    }
  }

  /** out[k] = dot(row start + k, query area) for k < n ≤ BATCH. */
  dotsRange(start: number, n: number): void {
    if (this.kernel) {
      this.kernel.dots_range(
        this.rowsOffset * 4,
        this.stride * 4,
        this.queryOffset * 4,
        start,
        n,
        this.outOffset * 4,
      );
      return;
    }
    const f32 = this.f32;
    for (let k = 0; k < n; k++) {
      f32[this.outOffset + k] = dotAt(
        f32,
        this.rowsOffset + (start + k) * this.stride,
        f32,
        this.queryOffset,
        this.dimensions,
      );
    }
  }

  private bytesFor(rows: number): number {
    return (this.rowsOffset + rows * this.stride) * 4;
  }

  private reserve(rows: number): void {
    const bytes = this.bytesFor(rows);
    if (this.memory) {
      const missing = bytes - this.memory.buffer.byteLength;
      if (missing > 0) {
        try {
          this.memory.grow(Math.ceil(missing / PAGE));
        } catch (cause) {
          throw new EccoError('INTERNAL', `Could not grow vector memory to ${bytes} bytes.`, {
            hint: 'The library is too large for this runtime; use fewer or shorter vectors.',
            cause,
          });
        }
      }
      // Growing detaches the old buffer: views must be made again.
      this.f32 = new Float32Array(this.memory.buffer);
      this.i32 = new Int32Array(this.memory.buffer);
    } else {
      const buffer = new ArrayBuffer(bytes);
      const f32 = new Float32Array(buffer);
      if (this.f32) f32.set(this.f32);
      this.f32 = f32;
      this.i32 = new Int32Array(buffer);
    }
    this.capacity = rows;
  }
}
