import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'core/src/**/*.test.ts',
      'core/test/**/*.test.ts',
      'plugins/*/src/**/*.test.ts',
      'plugins/*/test/**/*.test.ts',
      'apps/server/src/**/*.test.ts',
      'apps/web/src/**/*.test.ts',
      'tests/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**'],
    // One migrated database per plugin set per run, copied for each test file (core/src/test-templates.ts).
    globalSetup: ['core/src/test-template-run.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // A worker keeps its imported modules between files: every file importing core and all plugins again was a fifth of the suite's CPU.
    isolate: false,
    maxWorkers: 2,
  },
});
