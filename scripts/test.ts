/**
 * `npm test`: finds or starts PostgreSQL and Redis, then runs vitest. The vitest global setup
 * gives this run its own database and Redis key prefix and removes both afterwards.
 * Ends with a plain `N passed, N failed` line for CI.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureDevServices } from './dev-services.js';

let services;
try {
  services = await ensureDevServices(process.env);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
const root = resolve(import.meta.dirname, '..', '..');
const report = join(tmpdir(), `boxoffice-vitest-${process.pid}.json`);
const vitest = spawn(
  process.execPath,
  [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit', env: { ...process.env, DATABASE_URL: services.databaseUrl, REDIS_URL: services.redisUrl } },
);
const code: number = await new Promise((done) => vitest.on('exit', (c) => done(c ?? 1)));
await services.stop();
try {
  const r = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number };
  console.log(`\nTests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
  rmSync(report, { force: true });
} catch {
  // No report: vitest failed before running; its own output says why.
}
process.exit(code);
