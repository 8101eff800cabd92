import { ortEnv } from '@explainable-ecco/activations/browser';
import type { RuntimeSetup } from './protocol.js';

export interface OrtSettings {
  threads: number;
  crossOriginIsolated: boolean;
}

/**
 * Points onnxruntime-web at the app's own copy of its .wasm files (no CDN) and picks its thread
 * count. Threads need SharedArrayBuffer, which only a cross-origin isolated page has; the
 * computing happens in this worker, so every core can go to it (onnxruntime-web's own default
 * is half of them).
 */
export function configureOrt(setup: RuntimeSetup): OrtSettings {
  ortEnv.wasm.wasmPaths = setup.ortWasmUrl;
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 1 : 1;
  const threads = isolated ? Math.max(1, Math.min(4, cores)) : 1;
  ortEnv.wasm.numThreads = threads;
  return { threads, crossOriginIsolated: isolated };
}
