/**
 * `npm start`: finds or starts PostgreSQL and Redis (see dev-services.ts), then runs the server
 * with demo data. Stops what it started when the server exits.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { ensureDevServices } from './dev-services.js';

let services;
try {
  services = await ensureDevServices(process.env);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
if (services.started.length) console.error(`started ${services.started.join(' and ')}; data in .data/`);

const server = spawn(process.execPath, [resolve(import.meta.dirname, '..', 'src', 'index.js')], {
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: services.databaseUrl, REDIS_URL: services.redisUrl },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', async (code) => {
  await services.stop();
  process.exit(code ?? 0);
});
