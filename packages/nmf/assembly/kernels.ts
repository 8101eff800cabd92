// WebAssembly SIMD kernels behind the NMF solvers (compiled by scripts/build-wasm.mjs; this file
// lists what the module exports, the code lives beside it).
//
// Conventions shared with src/engine/wasm-runtime.ts:
// - every pointer is a byte offset into the imported memory; JS owns all allocation;
// - a "k-matrix" has rows of kp = 4·kq float32 lanes, lanes k..kp-1 kept at zero, so the
//   factor dimension is processed four lanes at a time with no remainder handling;
// - sparse matrices are CSR: rowPtr (u32, nRows+1), colIdx (u32), vals (f32).
//
// The product loops keep several independent accumulators per row because a single running
// sum stalls on add latency.

export { denseErrorTerms, sparseErrorTerms } from './error-terms';
export { fusedDensePass, fusedScratchBytes, fusedSparsePass } from './fused';
export { denseTimesK, sparseTimesK } from './gather';
export { denseScatterK, sparseScatterK } from './scatter';
export { cdSweep, gramOf, sweepScratchBytes } from './sweep';
