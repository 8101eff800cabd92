import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Model loading runs onnxruntime on a shared 2-core machine: generous limits, no timing asserts.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
