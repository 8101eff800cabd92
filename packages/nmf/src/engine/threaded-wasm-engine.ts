import { EccoError } from '@explainable-ecco/core';
import type { EngineSession, NmfEngine } from './engine.js';
import {
  type CsrBlock,
  countNonZeros,
  csrBlocks,
  sparseStorageBytes,
  transposedCsrBlocks,
} from './sparse-blocks.js';
import { wasmKernelSession } from './wasm-engine.js';
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

const OP_PRODUCT = 1;
const OP_SWEEP = 2;
const OP_EXIT = 9;
const ARGS = 8;
const ARGS_PER_THREAD = 16;

/**
 * The helper's whole program, sent as source text: instantiate the kernels on the shared
 * memory, then wait for commands in the control block and run this thread's share of each.
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
  const ctl = new Int32Array(memory.buffer, control, 64);
  const res = new Float64Array(memory.buffer, results, 16);
  let generation = 0;
  for (;;) {
    Atomics.wait(ctl, 0, generation);
    generation = Atomics.load(ctl, 0);
    const op = ctl[1];
    const a = 8 + index * 16;
    if (op === 9) return;
    if (op === 1) {
      const [table, count, b, out, kq, r0, r1] = [
        ctl[a],
        ctl[a + 1],
        ctl[a + 2],
        ctl[a + 3],
        ctl[a + 4],
        ctl[a + 5],
        ctl[a + 6],
      ];
      const t = new Int32Array(memory.buffer, table, count * 4);
      for (let blk = 0; blk < count; blk++) {
        k.sparseTimesK(
          r1 - r0,
          t[blk * 4 + 1] + r0 * 4,
          t[blk * 4 + 2],
          t[blk * 4 + 3],
          b,
          out + r0 * kq * 16,
          kq,
          blk > 0 ? 1 : 0,
        );
      }
    } else if (op === 2) {
      res[index] = k.cdSweep(
        ctl[a],
        ctl[a + 1],
        ctl[a + 2],
        ctl[a + 3],
        ctl[a + 4],
        ctl[a + 5],
        ctl[a + 6],
        ctl[a + 7],
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
 * The sparse WebAssembly engine on several threads sharing one memory: each product and the
 * sweep over Hᵀ split their rows between the threads (the small sweep over W stays on the
 * calling thread). Needs SharedArrayBuffer and a way to start threads (`spawn`); the calling
 * thread blocks in Atomics.wait, so in a browser run it inside a worker.
 */
export function createThreadedWasmEngine(spawn: SpawnHelper, threads = 2): NmfEngine {
  if (!Number.isInteger(threads) || threads < 1) {
    throw new EccoError('INVALID_ARGUMENT', `threads must be an integer ≥ 1 (got ${threads}).`);
  }
  return {
    name: 'wasm-threads',
    async prepare(x, rows, cols, reserveFloats) {
      const nnz = countNonZeros(x);
      const helpers = threads - 1;
      const extra = 4096 + helpers * 4 * 64 * 64 + 64 * 1024 * threads;
      const arena = await WasmArena.create(
        sparseStorageBytes(rows, cols, nnz) + reserveFloats * 4 + extra,
        true,
      );
      const base = wasmKernelSession(arena, `wasm-sparse×${threads}`);
      const xBlocks = csrBlocks(x, rows, cols, arena);
      const xtBlocks = transposedCsrBlocks(x, rows, cols, arena);
      const tableOf = (blocks: CsrBlock[]) => {
        const t = arena.i32(blocks.length * 4);
        blocks.forEach((b, i) => {
          t.set([b.rows, b.rowPtr.byteOffset, b.colIdx.byteOffset, b.vals.byteOffset], i * 4);
        });
        return t;
      };
      const xTable = tableOf(xBlocks);
      const xtTable = tableOf(xtBlocks);
      const ctl = arena.i32(64);
      const res = arena.f64(16);
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
      const k = arena.kernels;
      /** Runs `op` on every helper (args per helper) while the calling thread does `mine`. */
      const parallel = (op: number, args: number[][], mine: () => number): number => {
        Atomics.store(ctl, 2, 0);
        args.forEach((a, h) => {
          ctl.set(a, ARGS + h * ARGS_PER_THREAD);
        });
        Atomics.store(ctl, 1, op);
        Atomics.add(ctl, 0, 1);
        Atomics.notify(ctl, 0);
        let total = mine();
        for (let done = Atomics.load(ctl, 2); done < helpers; done = Atomics.load(ctl, 2)) {
          Atomics.wait(ctl, 2, done);
        }
        for (let h = 0; h < helpers; h++) total += res[h];
        return total;
      };
      const split = (n: number, align: number) =>
        Array.from({ length: threads + 1 }, (_, t) =>
          t === threads ? n : Math.min(n, Math.round((n * t) / threads / align) * align),
        );
      const product = (
        blocks: CsrBlock[],
        table: Int32Array,
        n: number,
        b: Float32Array,
        out: Float32Array,
        width: number,
      ) => {
        const kq = width / 4;
        const bAt = arena.offsetOf(b);
        const outAt = arena.offsetOf(out);
        const cut = split(n, 1);
        parallel(
          OP_PRODUCT,
          workers.map((_, h) => [
            table.byteOffset,
            blocks.length,
            bAt,
            outAt,
            kq,
            cut[h + 1],
            cut[h + 2],
          ]),
          () => {
            blocks.forEach((block, i) => {
              k.sparseTimesK(
                cut[1],
                arena.offsetOf(block.rowPtr),
                arena.offsetOf(block.colIdx),
                arena.offsetOf(block.vals),
                bAt,
                outAt,
                kq,
                i > 0 ? 1 : 0,
              );
            });
            return 0;
          },
        );
      };
      const partials = workers.map(() => arena.f32(64 * 64));
      const scratches: number[] = [];
      let scratchBytes = 0;
      const session: EngineSession = {
        ...base,
        name: `wasm-sparse×${threads}`,
        xTimes: (b, out, width) => product(xBlocks, xTable, rows, b, out, width),
        xtTimes: (a, out, width) => product(xtBlocks, xtTable, cols, a, out, width),
        sweep(a, n, gram, cross, factors, width, gramOut) {
          if (n < 4096 || width > 64) return base.sweep(a, n, gram, cross, factors, width, gramOut);
          const kq = width / 4;
          const stride = width * 4;
          const bytes = k.sweepScratchBytes(factors, kq);
          if (bytes > scratchBytes) {
            scratchBytes = bytes;
            scratches.length = 0;
            for (let h = 0; h < helpers; h++)
              scratches.push(arena.u32(Math.ceil(bytes / 4)).byteOffset);
          }
          const cut = split(n, 4);
          const aAt = arena.offsetOf(a);
          const crossAt = arena.offsetOf(cross);
          const violation = parallel(
            OP_SWEEP,
            workers.map((_, h) => [
              cut[h + 2] - cut[h + 1],
              aAt + cut[h + 1] * stride,
              arena.offsetOf(gram),
              crossAt + cut[h + 1] * stride,
              factors,
              kq,
              gramOut ? partials[h].byteOffset : 0,
              scratches[h],
            ]),
            () =>
              base.sweep(
                a.subarray(0, cut[1] * width),
                cut[1],
                gram,
                cross.subarray(0, cut[1] * width),
                factors,
                width,
                gramOut,
              ),
          );
          if (gramOut) {
            for (const p of partials) for (let i = 0; i < width * width; i++) gramOut[i] += p[i];
          }
          return violation;
        },
        dispose() {
          Atomics.store(ctl, 1, OP_EXIT);
          Atomics.add(ctl, 0, 1);
          Atomics.notify(ctl, 0);
          for (const w of workers) void w.terminate();
        },
      };
      return session;
    },
  };
}
