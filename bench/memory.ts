/**
 * (9) The server's memory: resident size of a fresh process once it has served a little and
 * settled (idle), and after USERS distinct users have each signed in once (a `{ __typename }`
 * with a new identity: verified, provisioned, charged to their budget). The per-subscription
 * figure comes from the fan-out benchmark. `BENCH_HEAP_SNAPSHOTS=dir` also writes a heap
 * snapshot of the server at both points (SIGUSR2), to be opened in Chrome DevTools. Measured
 * twice: with the default settings and with the memory profile (env.ts).
 */
import { readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { spawnServer, type ServerProcess } from '../scripts/spawn-server.js';
import { MEMORY_PROFILE, MEMORY_PROFILE_TEXT, type BenchEnv, type BenchResult, type Row } from './env.js';
import { newIdentities, residentKb, sleep } from './fixtures.js';
import { load } from './load.js';

const CHUNK = 20_000;

async function snapshot(server: ServerProcess, dir: string | undefined, name: string): Promise<void> {
  if (!dir) return;
  const before = new Set(readdirSync(dir));
  server.child.kill('SIGUSR2');
  for (let i = 0; i < 600; i++) {
    await sleep(100);
    const made = readdirSync(dir).find((f) => !before.has(f) && f.endsWith('.heapsnapshot'));
    if (made) {
      await sleep(2000);
      renameSync(join(dir, made), join(dir, `${name}.heapsnapshot`));
      return;
    }
  }
}

interface Measured {
  idleKb: number;
  afterKb: number;
  failed: number;
}

/** Idle and after-USERS resident sizes of one server process started with `profile`. */
async function measure(env: BenchEnv, users: number, profile: Record<string, string>, name: string): Promise<Measured> {
  const snapshots = process.env.BENCH_HEAP_SNAPSHOTS;
  const serverEnv = env.serverEnv('memory', {});
  const server = await spawnServer({
    ...serverEnv,
    ...profile,
    LOG_LEVEL: 'info',
    ...(snapshots ? { NODE_OPTIONS: `--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${snapshots}` } : {}),
  });
  const app = await createApp(loadConfig(serverEnv as Record<string, string>), createLogger('warn'));
  try {
    const body = JSON.stringify({ query: '{ __typename }' });
    const run = (identities: string[]) => load({ url: server.url, connections: 50, amount: identities.length, body, vary: (i) => ({ authorization: `Bearer ${identities[i]}` }) });
    // Idle: served a few requests of a few users (code compiled, pools open), then left alone.
    await run(await newIdentities(app, env.quick ? 500 : 2_000));
    await sleep(3000);
    const idleKb = residentKb(server.child.pid!);
    await snapshot(server, snapshots, `${name}idle`);
    let failed = 0;
    for (let done = 0; done < users; done += CHUNK) failed += (await run(await newIdentities(app, Math.min(CHUNK, users - done)))).failed;
    await sleep(3000);
    const afterKb = residentKb(server.child.pid!);
    await snapshot(server, snapshots, `${name}after-${users}-users`);
    return { idleKb, afterKb, failed };
  } finally {
    await app.close();
    await server.stop();
  }
}

export default async function memoryBench(env: BenchEnv): Promise<BenchResult> {
  const users = env.quick ? 2_000 : Number(process.env.BENCH_USERS ?? 100_000);
  const rows: Row[] = [];
  const detail: Record<string, unknown> = { users };
  for (const [name, profile, label] of [
    ['default', {}, ''],
    ['memoryProfile', MEMORY_PROFILE, ` (${MEMORY_PROFILE_TEXT})`],
  ] as const) {
    const m = await measure(env, users, profile, name === 'default' ? '' : 'memory-profile-');
    const growthMb = Math.round((m.afterKb - m.idleKb) / 1024);
    const idleMb = Math.round(m.idleKb / 1024);
    rows.push(
      { id: '9', figure: `idle RSS${label}`, value: idleMb, unit: 'MB', target: { text: '<= 150 MB', met: idleMb <= 150 } },
      { id: '9', figure: `RSS growth after ${users.toLocaleString('en')} distinct users signed in${label}${m.failed ? ` (${m.failed} FAILED)` : ''}`, value: growthMb, unit: 'MB', target: { text: '<= 100 MB above idle', met: growthMb <= 100 && users >= 100_000 } },
    );
    detail[name] = m;
  }
  return { rows, detail };
}
