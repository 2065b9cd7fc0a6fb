import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// `npm run test:e2e`: real Chromium against a real server; kept out of `npm test` (which only
// picks up *.test.ts) because it needs a browser and the built front end. Spread, not
// mergeConfig: that would append to `include` instead of replacing it.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/e2e/**/*.e2e.ts'],
    // One browser at a time: two Chromiums and their servers crowd a 2-core machine.
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
