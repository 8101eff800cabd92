import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { NmfEngine } from './engine/engine.js';
import { createThreadedWasmEngine } from './engine/threaded-wasm-engine.js';

/**
 * The sparse WebAssembly engine on `threads` threads (default: the machine's cores, at most 4)
 * using worker_threads. Each solve starts its helpers (tens of ms) and stops them when done.
 */
export function createNodeThreadedEngine(threads = Math.min(4, availableParallelism())): NmfEngine {
  return createThreadedWasmEngine((source) => {
    const worker = new Worker(source, { eval: true });
    worker.unref();
    return worker;
  }, threads);
}
