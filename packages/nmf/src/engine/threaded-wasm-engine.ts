import { EccoError, isEccoError } from '@explainable-ecco/core';
import type { NmfEngine } from './engine.js';
import { orientedSession, type RowPassKernels } from './oriented-session.js';
import { type CsrMatrix, csrBytes, csrOf, orientationOf, rowCountsOf } from './stored-matrix.js';
import { sparseRowKernels, wasmKernelSession } from './wasm-engine.js';
import { WasmArena } from './wasm-runtime.js';

/**
 * A helper thread as the engine needs it: Node's worker_threads Worker or a Web Worker. The
 * engine listens to it, through `on` (Node) or `addEventListener` (Web), for the helper's ready
 * message and for its failures ('error', 'exit', 'messageerror'); it needs one of the two.
 */
export interface HelperThread {
  postMessage(message: unknown): void;
  terminate(): unknown;
  // biome-ignore lint/suspicious/noExplicitAny: Node's EventEmitter listener signature
  on?(event: string, listener: (...args: any[]) => void): unknown;
  // biome-ignore lint/suspicious/noExplicitAny: the DOM's listener signature
  addEventListener?(type: string, listener: (event: any) => void): unknown;
}

/**
 * Starts a helper running `source` (a plain script, no imports) that will receive one message
 * with what `runHelper` below destructures. Node: `new Worker(source, { eval: true })`.
 */
export type SpawnHelper = (source: string) => HelperThread;

export interface ThreadedEngineOptions {
  /**
   * How long a helper may take to start (report ready), and how long the calling thread waits
   * for the helpers to finish a pass after finishing its own share, before the solve fails with
   * `INTERNAL`. Default 60,000 ms.
   */
  helperTimeoutMs?: number;
}

const OP_GATHER = 1;
const OP_SCATTER = 2;
const OP_FUSED = 3;
const OP_EXIT = 9;
/**
 * Control block (Int32): [0] generation, [1] op, [2] helpers done, [3] failed helper's index + 1
 * (0: none); args from ARGS on.
 */
const CONTROL_INTS = 256;
const FAILED = 3;
/** The calling thread re-checks for failed or stalled helpers this often while it waits. */
const WAIT_SLICE_MS = 50;
const DEFAULT_HELPER_TIMEOUT_MS = 60_000;
const ARGS = 8;
const ARGS_PER_THREAD = 16;
/** Threads the control block has room for. */
const MAX_THREADS = Math.floor((CONTROL_INTS - ARGS) / ARGS_PER_THREAD) + 1;
/** Widest factor padding the helpers' buffers are sized for; wider runs on one thread. */
const MAX_THREADED_WIDTH = 64;

/**
 * The helper's whole program, sent as source text: instantiate the kernels on the shared
 * memory, say ready, then wait for commands in the control block and run this thread's rows of
 * M. A failure (a trap, an exception) is flagged in the control block, counted as done so the
 * calling thread wakes, and reported; the helper then stops. Arguments are unsigned (memories
 * past 2 GiB have offsets past int32). It runs as source text, so the layout constants above
 * appear here as literals.
 */
function runHelper(
  message: {
    module: WebAssembly.Module;
    memory: WebAssembly.Memory;
    control: number;
    results: number;
    index: number;
  },
  reply: (message: { type: 'ready' | 'failed'; index: number; error?: string }) => void,
): void {
  const { module, memory, control, results, index } = message;
  const describe = (error: unknown) =>
    error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  let k: Record<string, (...args: number[]) => number>;
  try {
    k = new WebAssembly.Instance(module, { env: { memory } }).exports as typeof k;
  } catch (error) {
    reply({ type: 'failed', index, error: describe(error) });
    return;
  }
  const ctl = new Int32Array(memory.buffer, control, 256);
  const arg = new Uint32Array(memory.buffer, control, 256);
  const res = new Float64Array(memory.buffer, results, 16);
  reply({ type: 'ready', index });
  let generation = 0;
  try {
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
  } catch (error) {
    Atomics.compareExchange(ctl, 3, 0, index + 1);
    Atomics.add(ctl, 2, 1);
    Atomics.notify(ctl, 2);
    reply({ type: 'failed', index, error: describe(error) });
  }
}

// The helper runs from runHelper's source text, so it must not call anything defined outside it.
// Transpilers that keep function names (tsx, esbuild --keep-names) wrap inner functions in a
// module-level __name(); an identity stand-in keeps that source runnable on its own.
const HELPER_SOURCE = `'use strict';
const __name = (fn) => fn;
const runHelper = ${runHelper.toString()};
const port = typeof require === 'function' ? require('node:worker_threads').parentPort : null;
if (port) port.once('message', (m) => runHelper(m, (r) => port.postMessage(r)));
else self.onmessage = (event) => runHelper(event.data, (r) => self.postMessage(r));
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
export function createThreadedWasmEngine(
  spawn: SpawnHelper,
  threads = 2,
  options: ThreadedEngineOptions = {},
): NmfEngine {
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_THREADS) {
    throw new EccoError(
      'INVALID_ARGUMENT',
      `threads must be an integer from 1 to ${MAX_THREADS} (got ${threads}).`,
    );
  }
  const timeoutMs = options.helperTimeoutMs ?? DEFAULT_HELPER_TIMEOUT_MS;
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0)) {
    throw new EccoError(
      'INVALID_ARGUMENT',
      `helperTimeoutMs must be a number > 0 (got ${String(timeoutMs)}).`,
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
      const failures: HelperFailures = { first: undefined, disposed: false };
      const workers: HelperThread[] = [];
      const stop = () => {
        failures.disposed = true;
        Atomics.store(ctl, 1, OP_EXIT);
        Atomics.add(ctl, 0, 1);
        Atomics.notify(ctl, 0);
        for (const worker of workers) void worker.terminate();
      };
      try {
        const ready: Promise<void>[] = [];
        for (let i = 0; i < helpers; i++) {
          const worker = spawn(HELPER_SOURCE);
          workers.push(worker);
          ready.push(watchHelper(worker, i, failures));
          worker.postMessage({
            module: arena.module,
            memory: arena.memory,
            control: ctl.byteOffset,
            results: res.byteOffset,
            index: i,
          });
        }
        await allReady(ready, timeoutMs);
      } catch (cause) {
        stop();
        if (isEccoError(cause)) throw cause;
        throw helperError('failed to start', failures, cause);
      }
      const cut = balancedCut(csr, threads);
      const pool: Pool = { ctl, args, res, helpers, csr, cut, failures, timeoutMs };
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
      return { ...session, dispose: stop };
    },
  };
}

/** What the helpers reported going wrong, from their messages and error/exit events. */
interface HelperFailures {
  first: { index: number; what: string } | undefined;
  /** Set when the session stops its helpers: their exits are expected then. */
  disposed: boolean;
}

/**
 * Listens to a helper for its ready message and its failures; the promise settles on the
 * first of them. Failures after ready are recorded in `failures` for `parallel` to see.
 */
function watchHelper(worker: HelperThread, index: number, failures: HelperFailures) {
  return new Promise<void>((resolve, reject) => {
    const fail = (what: string) => {
      if (failures.disposed) return;
      failures.first ??= { index, what };
      reject(new Error(what));
    };
    const onMessage = (data: unknown) => {
      const m = data as { type?: unknown; error?: unknown } | null;
      if (m?.type === 'ready') resolve();
      else if (m?.type === 'failed') fail(String(m.error));
    };
    if (typeof worker.on === 'function') {
      worker.on('message', onMessage);
      worker.on('error', (error: unknown) => fail(describeError(error)));
      worker.on('messageerror', (error: unknown) => fail(`message error: ${describeError(error)}`));
      worker.on('exit', (code: unknown) => fail(`exited with code ${String(code)}`));
    } else if (typeof worker.addEventListener === 'function') {
      worker.addEventListener('message', (event: { data?: unknown }) => onMessage(event.data));
      worker.addEventListener('error', (event: { message?: unknown }) =>
        fail(String(event.message ?? 'error event')),
      );
      worker.addEventListener('messageerror', () => fail('message error'));
    } else {
      throw new EccoError(
        'INVALID_ARGUMENT',
        'The helper thread from spawn has neither on() nor addEventListener().',
        { hint: 'Return a Node worker_threads Worker or a Web Worker from spawn.' },
      );
    }
  });
}

/** Waits for every helper's ready message, at most `timeoutMs`. */
async function allReady(ready: Promise<void>[], timeoutMs: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no ready message within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([Promise.all(ready), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function helperError(what: string, failures: HelperFailures, cause?: unknown): EccoError {
  const first = failures.first;
  const detail = first
    ? `helper ${first.index} ${first.what}`
    : cause instanceof Error
      ? cause.message
      : String(cause);
  return new EccoError('INTERNAL', `The threaded NMF engine's helper thread ${what} (${detail}).`, {
    hint: "Use engine 'wasm' (one thread), or check that worker threads can start here with enough memory.",
    details: first ? { helper: first.index } : undefined,
    cause,
  });
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
  failures: HelperFailures;
  /** How long to wait for the helpers after the calling thread's share is done. */
  timeoutMs: number;
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

/**
 * Runs `op` on every helper with its arguments while the calling thread does `mine`. Waits for
 * the helpers in slices of WAIT_SLICE_MS, so that a helper that failed (flagged in the control
 * block by the helper itself, or recorded from its error/exit events between passes) or that
 * stopped answering (timeoutMs) ends the solve with a typed error instead of blocking forever.
 */
function parallel(pool: Pool, op: number, argsOf: (h: number) => number[], mine: () => number) {
  const { ctl, args, res, helpers, csr, cut, failures } = pool;
  if (failures.first || Atomics.load(ctl, FAILED) !== 0) {
    throw helperError('failed', failures);
  }
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
  let deadline = 0;
  for (let done = Atomics.load(ctl, 2); done < helpers; done = Atomics.load(ctl, 2)) {
    if (Atomics.wait(ctl, 2, done, WAIT_SLICE_MS) !== 'timed-out') continue;
    if (failures.first) throw helperError('failed', failures);
    const now = performance.now();
    if (deadline === 0) deadline = now + pool.timeoutMs - WAIT_SLICE_MS;
    else if (now > deadline) {
      throw helperError(
        'stopped answering',
        failures,
        new Error(`no reply in ${pool.timeoutMs} ms`),
      );
    }
  }
  const failed = Atomics.load(ctl, FAILED);
  if (failed !== 0) {
    failures.first ??= { index: failed - 1, what: 'failed during a pass' };
    throw helperError('failed', failures);
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
  const { csr, cut } = pool;
  const at = (view: ArrayBufferView) => arena.offsetOf(view);
  /** The calling thread's share: rows [0, cut[1]) of M, with the single-threaded kernels. */
  const own = sparseRowKernels(arena, csr, cut[1]);
  /** Adds the helpers' partials into `into` (first `length` floats), in helper order. */
  const reduce = (into: Float32Array, partials: Float32Array[], length: number) => {
    for (const p of partials) for (let i = 0; i < length; i++) into[i] += p[i];
  };
  const oneThread = (width: number) => pool.helpers === 0 || width > MAX_THREADED_WIDTH;
  return {
    gather(b, out, width) {
      if (oneThread(width)) return single.gather(b, out, width);
      parallel(
        pool,
        OP_GATHER,
        () => [width / 4, at(b), at(out)],
        () => {
          own.gather(b, out, width);
          return 0;
        },
      );
    },
    scatter(a, out, width) {
      if (oneThread(width)) return single.scatter(a, out, width);
      parallel(
        pool,
        OP_SCATTER,
        (h) => [width / 4, at(a), at(productPartials[h]), csr.cols],
        () => {
          own.scatter(a, out, width);
          return 0;
        },
      );
      reduce(out, productPartials, csr.cols * width);
    },
    fused(a, gram, other, product, factors, width, gramOut) {
      if (oneThread(width)) return single.fused(a, gram, other, product, factors, width, gramOut);
      const violation = parallel(
        pool,
        OP_FUSED,
        (h) => [
          width / 4,
          at(a),
          at(productPartials[h]),
          csr.cols,
          at(gram),
          at(other),
          factors,
          at(gramPartials[h]),
          scratches[h],
        ],
        () => own.fused(a, gram, other, product, factors, width, gramOut),
      );
      reduce(product, productPartials, csr.cols * width);
      reduce(gramOut, gramPartials, width * width);
      return violation;
    },
    // Once per solve: not worth a dispatch.
    errorTerms: single.errorTerms,
  };
}
