import { VECTOR_KERNEL_WASM_BASE64 } from './vector-kernel-wasm.generated.js';

/** The WebAssembly SIMD dot-product kernel (see scripts/kernel/vector-kernel.wat); byte offsets. */
export interface WasmKernel {
  dot(a: number, b: number, bytes: number): number;
  dots_ids(rows: number, stride: number, q: number, ids: number, n: number, out: number): void;
  dots_range(rows: number, stride: number, q: number, start: number, n: number, out: number): void;
}

let module: WebAssembly.Module | null | undefined;

function decodeBase64(b64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(b64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Instantiates the kernel over `memory`, or returns undefined where WebAssembly or its SIMD
 * extension is missing (old browsers, locked-down runtimes), so callers fall back to JavaScript.
 * Synchronous: the module is under 1 KB, far below the main-thread compile limits of browsers.
 */
export function instantiateKernel(memory: WebAssembly.Memory): WasmKernel | undefined {
  if (module === undefined) {
    try {
      const bytes = decodeBase64(VECTOR_KERNEL_WASM_BASE64);
      module =
        typeof WebAssembly === 'object' && WebAssembly.validate(bytes)
          ? new WebAssembly.Module(bytes)
          : null;
    } catch {
      module = null;
    }
  }
  if (!module) return undefined;
  return new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as WasmKernel;
}
