import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The migrated embedded template (src/db/pglite-template.ts), made once per machine before the files run.
    globalSetup: ['test/support/global-setup.ts'],
    // Each file builds its own database once; two cores, so two workers.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
