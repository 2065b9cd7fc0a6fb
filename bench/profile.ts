/**
 * `node dist/bench/profile.js <floor|seats|status|issue> [seconds]`: one workload of the
 * throughput benchmark against a server process that writes a V8 CPU profile (bench/profiles/)
 * when it stops; prints its summary (profile-summary.ts). For finding what bounds a figure.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnServer } from '../scripts/spawn-server.js';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { fans, newConcert, newIdentities, newPerformance } from './fixtures.js';
import { load } from './load.js';
import { openScratch } from './scratch.js';

const [workload = 'floor', secondsArg = '8'] = process.argv.slice(2);
const seconds = Number(secondsArg);
const dir = resolve(PROJECT_ROOT, 'bench', 'profiles');
mkdirSync(dir, { recursive: true });
const scratch = await openScratch();
const env = scratch.serverEnv('profile', { LOG_LEVEL: 'info', QUEUE_ADMIT_INTERVAL_MS: '3600000', QUEUE_MAX_ACTIVE: '200', QUEUE_IDLE_SECONDS: '3600' });
const before = new Set(readdirSync(dir));
const server = await spawnServer({ ...env, NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir}` });
const app = await createApp(loadConfig(env as Record<string, string>), createLogger('warn'));
try {
  const concertId = await newConcert(app, 'bench: profile');
  const scheduleId = await newPerformance(app, concertId);
  const active = await fans(app, concertId, 200);
  if (workload !== 'status') await app.queue.tick(concertId);
  const fan = (i: number) => ({ authorization: `Bearer ${active[i % 200].identity}`, 'queue-token': active[i % 200].queueToken });
  const body = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });
  const users = workload === 'issue' ? await newIdentities(app, 2_000 * seconds) : [];
  const run = {
    floor: () => load({ url: server.url, connections: 50, seconds, body: body('{ __typename }'), headers: { authorization: `Bearer ${active[0].identity}` } }),
    seats: () => load({ url: server.url, connections: 50, seconds, body: body(`query($s: ID!) { availableSeats(scheduleId: $s) { id number price status } }`, { s: scheduleId }), vary: fan }),
    status: () => load({ url: server.url, connections: 50, seconds, body: body(`query($c: ID!) { queueStatus(concertId: $c) { status position } }`, { c: concertId }), vary: fan }),
    issue: () => load({ url: server.url, connections: 50, amount: users.length, body: body(`mutation($c: ID!) { issueQueueToken(concertId: $c) { token position } }`, { c: concertId }), vary: (i) => ({ authorization: `Bearer ${users[i]}` }) }),
  }[workload]!;
  console.log(JSON.stringify(await run()));
} finally {
  await app.close();
  await server.stop();
  await scratch.close();
}
const made = readdirSync(dir).find((f) => !before.has(f) && f.endsWith('.cpuprofile'));
if (made) {
  console.log(`profile: ${join(dir, made)}`);
  console.log(execFileSync(process.execPath, [new URL('./profile-summary.js', import.meta.url).pathname, join(dir, made), '30'], { encoding: 'utf8' }));
}
process.exit(0);
