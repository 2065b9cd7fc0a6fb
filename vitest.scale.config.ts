import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// `npm run test:scale`: boxoffice on a real Redis Cluster of the test's own (three primaries)
// as several server processes, one of them with WORKERS=2. Kept out of `npm test` because it
// starts its own cluster and servers; CI runs it after test:faults.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/scale/**/*.test.ts'],
    exclude: ['node_modules/**'],
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
