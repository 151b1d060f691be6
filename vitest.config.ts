import { defineConfig } from 'vitest/config';

// Projects run one group after the other (groupOrder): the pure rules, then the API tests, then
// the browser tests, so the two cores of a CI machine are never shared by two heavy groups.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'domain', include: ['packages/domain/src/**/*.test.ts'], sequence: { groupOrder: 0 } } },
      // Pure helpers of the web app (formatting, merging streamed entries); pages are covered by e2e.
      { test: { name: 'web', include: ['apps/web/src/**/*.test.ts'], sequence: { groupOrder: 0 } } },
      {
        test: {
          name: 'server',
          include: ['apps/server/test/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file has its own database (SQLite in memory, or a PostgreSQL schema of its own).
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          // The demo county, built once for all files (each starts from a copy).
          globalSetup: ['e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
