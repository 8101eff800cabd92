import { EccoError } from '@explainable-ecco/core';
import type { NmfEngine } from './engine.js';
import { orientedSession, type RowPassKernels } from './oriented-session.js';
import { type CsrMatrix, csrBytes, csrOf, orientationOf, rowCountsOf } from './stored-matrix.js';
import { sparseRowKernels, wasmKernelSession } from './wasm-engine.js';
import { WasmArena } from './wasm-runtime.js';

/** A helper thread as the engine needs it: Node's worker_threads Worker or a Web Worker. */
export interface HelperThread {
  postMessage(message: unknown): void;
  terminate(): unknown;
}

/**
 * Starts a helper running `source` (a plain script, no imports) that will receive one message
 * with what `runHelper` below destructures. Node: `new Worker(source, { eval: true })`.
 */
export type SpawnHelper = (source: string) => HelperThread;

const OP_GATHER = 1;
const OP_SCATTER = 2;
const OP_FUSED = 3;
const OP_EXIT = 9;
/** Control block (Int32): [0] generation, [1] op, [2] helpers done; args from ARGS on. */
const CONTROL_INTS = 256;
const ARGS = 8;
const ARGS_PER_THREAD = 16;
/** Threads the control block has room for. */
const MAX_THREADS = Math.floor((CONTROL_INTS - ARGS) / ARGS_PER_THREAD) + 1;
/** Widest factor padding the helpers' buffers are sized for; wider runs on one thread. */
const MAX_THREADED_WIDTH = 64;

/**
 * The helper's whole program, sent as source text: instantiate the kernels on the shared
 * memory, then wait for commands in the control block and run this thread's rows of M.
 * Arguments are unsigned (memories past 2 GiB have offsets past int32). It runs as source text,
 * so the layout constants above appear here as literals.
 */
function runHelper(message: {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  control: number;
  results: number;
  index: number;
}): void {
  const { module, memory, control, results, index } = message;
  const k = new WebAssembly.Instance(module, { env: { memory } }).exports as Record<
    string,
    (...args: number[]) => number
  >;
  const ctl = new Int32Array(memory.buffer, control, 256);
  const arg = new Uint32Array(memory.buffer, control, 256);
  const res = new Float64Array(memory.buffer, results, 16);
  let generation = 0;
  for (;;) {
    Atomics.wait(ctl, 0, generation);
    generation = Atomics.load(ctl, 0);
    const op = ctl[1];
    if (op === 9) return;
    const a = 8 + index * 16;
    // Shared by every op: this thread's rows [r0, r1) of M (CSR) and the factor width.
    const [rowPtr, colIdx, vals, r0, r1, kq] = [
      arg[a],
      arg[a + 1],
      arg[a + 2],
      arg[a + 3],
      arg[a + 4],
      arg[a + 5],
    ];
    const stride = kq * 16;
    const ptr = rowPtr + r0 * 4;
    if (op === 1) {
      k.sparseTimesK(r1 - r0, ptr, colIdx, vals, arg[a + 6], arg[a + 7] + r0 * stride, kq, 0);
    } else if (op === 2) {
      new Float32Array(memory.buffer, arg[a + 7], arg[a + 8] * kq * 4).fill(0);
      k.sparseScatterK(r1 - r0, ptr, colIdx, vals, arg[a + 6] + r0 * stride, arg[a + 7], kq);
    } else if (op === 3) {
      res[index] = k.fusedSparsePass(
        r1 - r0,
        ptr,
        colIdx,
        vals,
        arg[a + 6] + r0 * stride,
        arg[a + 9],
        arg[a + 10],
        arg[a + 8],
        arg[a + 7],
        arg[a + 11],
        kq,
        arg[a + 12],
        arg[a + 13],
      );
    }
    Atomics.add(ctl, 2, 1);
    Atomics.notify(ctl, 2);
  }
}

const HELPER_SOURCE = `'use strict';
const runHelper = ${runHelper.toString()};
const port = typeof require === 'function' ? require('node:worker_threads').parentPort : null;
if (port) port.once('message', runHelper);
else self.onmessage = (event) => runHelper(event.data);
`;

/**
 * The sparse WebAssembly engine on several threads sharing one memory. Each pass over X splits
 * the rows of its stored orientation M between the threads (cut where the non-zeros balance);
 * a thread writes its rows of a gathered product directly, and its own partial of a scattered
 * product and of the Gram matrix, which the calling thread then adds up in thread order, so
 * results are deterministic for a given thread count and equal the single-threaded engine's up
 * to the order of those sums. Needs SharedArrayBuffer and a way to start threads (`spawn`);
 * the calling thread blocks in Atomics.wait, so in a browser run it inside a worker.
 */
export function createThreadedWasmEngine(spawn: SpawnHelper, threads = 2): NmfEngine {
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_THREADS) {
    throw new EccoError(
      'INVALID_ARGUMENT',
      `threads must be an integer from 1 to ${MAX_THREADS} (got ${threads}).`,
    );
  }
  return {
    name: 'wasm-threads',
    async prepare(x, rows, cols, reserveFloats) {
      const shape = orientationOf(rows, cols);
      const { counts, nnz } = rowCountsOf(x, rows, cols, shape);
      const helpers = threads - 1;
      const w = MAX_THREADED_WIDTH;
      const perHelperFloats = shape.m * w + w * w;
      const scratchBytes = fusedScratchBound();
      const arena = await WasmArena.create(
        csrBytes(shape.n, nnz) +
          reserveFloats * 4 +
          helpers * (perHelperFloats * 4 + 64) +
          threads * scratchBytes +
          (CONTROL_INTS + 2 * MAX_THREADS) * 4 +
          4096,
        true,
      );
      if (arena.kernels.fusedScratchBytes(w, w / 4) > scratchBytes) {
        throw new EccoError('INTERNAL', 'Threaded NMF scratch bound is below the kernels’ need.');
      }
      const csr = csrOf(x, rows, cols, shape, counts, arena);
      const single = sparseRowKernels(arena, csr);
      const ctl = arena.i32(CONTROL_INTS);
      const args = new Uint32Array(ctl.buffer, ctl.byteOffset, CONTROL_INTS);
      const res = arena.f64(MAX_THREADS);
      const productPartials = Array.from({ length: helpers }, () => arena.f32(shape.m * w));
      const gramPartials = Array.from({ length: helpers }, () => arena.f32(w * w));
      const scratches = Array.from(
        { length: helpers },
        () => arena.u32(scratchBytes / 4).byteOffset,
      );
      const workers = Array.from({ length: helpers }, (_, i) => {
        const worker = spawn(HELPER_SOURCE);
        worker.postMessage({
          module: arena.module,
          memory: arena.memory,
          control: ctl.byteOffset,
          results: res.byteOffset,
          index: i,
        });
        return worker;
      });
      const cut = balancedCut(csr, threads);
      const pool = { ctl, args, res, helpers, csr, cut };
      const kernels = threadedRowKernels(
        arena,
        pool,
        single,
        productPartials,
        gramPartials,
        scratches,
      );
      const session = orientedSession(
        wasmKernelSession(arena, `wasm-sparse×${threads}`),
        shape,
        kernels,
      );
      return {
        ...session,
        dispose() {
          Atomics.store(ctl, 1, OP_EXIT);
          Atomics.add(ctl, 0, 1);
          Atomics.notify(ctl, 0);
          for (const worker of workers) void worker.terminate();
        },
      };
    },
  };
}

/**
 * Scratch bytes of a fused pass at the widest threaded width, mirroring the kernels'
 * fusedScratchBytes (sweep scratch plus a 64-row sub-block of cross products) with room to
 * spare; `prepare` checks it against the kernels before any thread starts.
 */
function fusedScratchBound(): number {
  const k = MAX_THREADED_WIDTH;
  const kq = k / 4;
  return (2 * k * k + k + 16 * kq) * 16 + (kq << 4) + 64 * (kq << 4) + 1024;
}

interface Pool {
  ctl: Int32Array;
  args: Uint32Array;
  res: Float64Array;
  helpers: number;
  csr: CsrMatrix;
  /** Row cuts of M: thread t takes [cut[t], cut[t + 1]); thread 0 is the calling thread. */
  cut: number[];
}

/**
 * Cuts M's rows into `threads` ranges of about equal work, on multiples of 4 (the sweep's row
 * groups). A row costs its non-zeros (gather and scatter) plus its sweep, counted as 8 more.
 */
function balancedCut(csr: CsrMatrix, threads: number): number[] {
  const n = csr.rows;
  const work = (r: number) => csr.rowPtr[r] + 8 * r;
  const total = work(n);
  const cut = [0];
  let r = 0;
  for (let t = 1; t < threads; t++) {
    const target = (total * t) / threads;
    while (r < n && work(r) < target) r++;
    cut.push(Math.max(cut[t - 1], Math.min(n, Math.round(r / 4) * 4)));
  }
  cut.push(n);
  return cut;
}

/** Runs `op` on every helper with its arguments while the calling thread does `mine`. */
function parallel(pool: Pool, op: number, argsOf: (h: number) => number[], mine: () => number) {
  const { ctl, args, res, helpers, csr, cut } = pool;
  Atomics.store(ctl, 2, 0);
  const at = (view: ArrayBufferView) => view.byteOffset;
  for (let h = 0; h < helpers; h++) {
    const base = ARGS + h * ARGS_PER_THREAD;
    args.set([at(csr.rowPtr), at(csr.colIdx), at(csr.vals), cut[h + 1], cut[h + 2]], base);
    args.set(argsOf(h), base + 5);
  }
  Atomics.store(ctl, 1, op);
  Atomics.add(ctl, 0, 1);
  Atomics.notify(ctl, 0);
  let total = mine();
  for (let done = Atomics.load(ctl, 2); done < helpers; done = Atomics.load(ctl, 2)) {
    Atomics.wait(ctl, 2, done);
  }
  for (let h = 0; h < helpers; h++) total += res[h];
  return total;
}

function threadedRowKernels(
  arena: WasmArena,
  pool: Pool,
  single: RowPassKernels,
  productPartials: Float32Array[],
  gramPartials: Float32Array[],
  scratches: number[],
): RowPassKernels {
  const k = arena.kernels;
  const { csr, cut } = pool;
  const at = (view: ArrayBufferView) => arena.offsetOf(view);
  const ptr = at(csr.rowPtr);
  const [idx, vals] = [at(csr.colIdx), at(csr.vals)];
  /** Adds the helpers' partials into `into` (first `length` floats), in helper order. */
  const reduce = (into: Float32Array, partials: Float32Array[], length: number) => {
    for (const p of partials) for (let i = 0; i < length; i++) into[i] += p[i];
  };
  const oneThread = (width: number) => pool.helpers === 0 || width > MAX_THREADED_WIDTH;
  return {
    gather(b, out, width) {
      if (oneThread(width)) return single.gather(b, out, width);
      const kq = width / 4;
      parallel(
        pool,
        OP_GATHER,
        () => [kq, at(b), at(out)],
        () => {
          k.sparseTimesK(cut[1], ptr, idx, vals, at(b), at(out), kq, 0);
          return 0;
        },
      );
    },
    scatter(a, out, width) {
      if (oneThread(width)) return single.scatter(a, out, width);
      const kq = width / 4;
      parallel(
        pool,
        OP_SCATTER,
        (h) => [kq, at(a), at(productPartials[h]), csr.cols],
        () => {
          out.fill(0);
          k.sparseScatterK(cut[1], ptr, idx, vals, at(a), at(out), kq);
          return 0;
        },
      );
      reduce(out, productPartials, csr.cols * width);
    },
    fused(a, gram, other, product, factors, width, gramOut) {
      if (oneThread(width)) return single.fused(a, gram, other, product, factors, width, gramOut);
      const kq = width / 4;
      const violation = parallel(
        pool,
        OP_FUSED,
        (h) => [
          kq,
          at(a),
          at(productPartials[h]),
          csr.cols,
          at(gram),
          at(other),
          factors,
          at(gramPartials[h]),
          scratches[h],
        ],
        () =>
          k.fusedSparsePass(
            cut[1],
            ptr,
            idx,
            vals,
            at(a),
            at(gram),
            at(other),
            csr.cols,
            at(product),
            factors,
            kq,
            at(gramOut),
            arena.scratch(k.fusedScratchBytes(factors, kq)),
          ),
      );
      reduce(product, productPartials, csr.cols * width);
      reduce(gramOut, gramPartials, width * width);
      return violation;
    },
    // Once per solve: not worth a dispatch.
    errorTerms: single.errorTerms,
  };
}
