import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds the web console once (when its sources changed) for the browser tests in test/browser/.
    globalSetup: ['test/browser/build-console-once.ts'],
    // Each file builds its own database once; two cores, so two workers.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
