import type { DeviceChoice } from './protocol.js';

interface GpuLike {
  requestAdapter(): Promise<unknown>;
}

/** The device to try first, and why WebGPU was not chosen when 'auto' falls back. */
export async function pickDevice(
  choice: DeviceChoice,
): Promise<{ device: 'wasm' | 'webgpu'; note?: string }> {
  if (choice !== 'auto') return { device: choice };
  const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  if (!gpu) return { device: 'wasm', note: 'this browser has no WebGPU' };
  try {
    if (await gpu.requestAdapter()) return { device: 'webgpu' };
  } catch {
    // An adapter request can throw where WebGPU is blocklisted; WebAssembly still works.
  }
  return { device: 'wasm', note: 'no WebGPU adapter is available' };
}
