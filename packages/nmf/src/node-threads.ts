import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { NmfEngine } from './engine/engine.js';
import {
  createThreadedWasmEngine,
  type ThreadedEngineOptions,
} from './engine/threaded-wasm-engine.js';

/**
 * The sparse WebAssembly engine on `threads` threads (default: the machine's cores, at most 4)
 * using worker_threads. Each solve starts its helpers (tens of ms) and stops them when done; a
 * helper that fails to start, traps or stops answering ends the solve with `INTERNAL`.
 */
export function createNodeThreadedEngine(
  threads = Math.min(4, availableParallelism()),
  options: ThreadedEngineOptions = {},
): NmfEngine {
  return createThreadedWasmEngine(
    (source) => {
      const worker = new Worker(source, { eval: true });
      worker.unref();
      return worker;
    },
    threads,
    options,
  );
}
