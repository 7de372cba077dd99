import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Before the files run: the migrated embedded template (src/db/pglite-template.ts), made once per
    // machine, and the web console, built once when its sources changed (for test/browser/).
    globalSetup: ['test/support/global-setup.ts', 'test/browser/build-console-once.ts'],
    // Each file builds its own database once; two cores, so two workers.
    maxWorkers: 2,
    // Generous on purpose: a loaded 2-core machine may run a file 5–10× slower; no test measures speed.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    reporters: ['default'],
  },
});
