import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds the app once (vite build) for every browser test file.
    globalSetup: ['test/global-setup.ts'],
    // Browser tests start Chromium; on a shared 2-core machine one file at a time is faster.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
