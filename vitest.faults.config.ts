import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// `npm run test:faults`: tests that stop and kill real processes and services (npm start and its
// children, redis-server, server processes mid-payment). Kept out of `npm test` because they are
// slow; CI runs them too.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/faults/**/*.test.ts'],
    exclude: ['node_modules/**'],
    // One at a time: each starts and stops whole services.
    maxWorkers: 1,
    testTimeout: 240_000,
    hookTimeout: 60_000,
  },
});
