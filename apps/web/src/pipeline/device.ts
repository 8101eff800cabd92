import { EccoError } from '@explainable-ecco/core';
import type { DeviceChoice } from './protocol.js';

interface GpuLike {
  requestAdapter(): Promise<unknown>;
}

async function hasAdapter(): Promise<{ ok: boolean; why?: string }> {
  const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  if (!gpu) return { ok: false, why: 'this browser has no WebGPU' };
  try {
    if (await gpu.requestAdapter()) return { ok: true };
  } catch {
    // An adapter request can throw where WebGPU is blocklisted; WebAssembly still works.
  }
  return { ok: false, why: 'no WebGPU adapter is available' };
}

/**
 * The device to load the model on. 'auto' takes WebGPU when the browser offers an adapter and
 * says why not otherwise; an explicit 'webgpu' without one is a typed error up front, rather
 * than a failed model load that would look like a broken file.
 */
export async function pickDevice(
  choice: DeviceChoice,
): Promise<{ device: 'wasm' | 'webgpu'; note?: string }> {
  if (choice === 'wasm') return { device: 'wasm' };
  const adapter = await hasAdapter();
  if (adapter.ok) return { device: 'webgpu' };
  if (choice === 'auto') return { device: 'wasm', ...(adapter.why ? { note: adapter.why } : {}) };
  throw new EccoError('UNSUPPORTED_DEVICE', `WebGPU is not available: ${adapter.why}.`, {
    hint: 'Choose "Automatic" or "WebAssembly (CPU)" under "Run on", or use a browser with WebGPU enabled.',
    details: { device: 'webgpu' },
  });
}
