import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The shared CI/dev machines run several packages' tests at once; index builds and the
    // browser test need more than the default 5 s there. Nothing here measures speed.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
