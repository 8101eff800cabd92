import { EccoError } from '@explainable-ecco/core';
import type { NmfEngine } from './engine.js';
import { jsEngine } from './js-engine.js';
import { wasmEngine } from './wasm-engine.js';
import { compileKernels } from './wasm-runtime.js';

/** Resolves the `engine` option; 'auto' prefers WebAssembly and falls back to JavaScript. */
export async function selectEngine(
  choice: 'auto' | 'wasm' | 'js' | NmfEngine | undefined,
): Promise<NmfEngine> {
  if (choice === undefined || choice === 'auto') {
    return (await wasmAvailable()) ? wasmEngine : jsEngine;
  }
  if (choice === 'js') return jsEngine;
  if (choice === 'wasm') {
    if (await wasmAvailable()) return wasmEngine;
    throw new EccoError(
      'INVALID_ARGUMENT',
      'engine "wasm" needs WebAssembly with SIMD, which this runtime does not allow.',
      { hint: "Use engine 'js' or 'auto' (a Content-Security-Policy may block WebAssembly)." },
    );
  }
  if (typeof choice === 'object' && choice !== null && typeof choice.prepare === 'function') {
    return choice;
  }
  throw new EccoError(
    'INVALID_ARGUMENT',
    `engine must be 'auto', 'wasm', 'js' or an NmfEngine (got ${JSON.stringify(choice)}).`,
  );
}

export async function wasmAvailable(): Promise<boolean> {
  try {
    await compileKernels();
    return true;
  } catch {
    return false;
  }
}
