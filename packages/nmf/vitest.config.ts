import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The CI machine has 2 cores shared by every package's tests; solves that take 0.3 s on an
    // idle machine can take ten times that under load.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
