import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { fileDatabaseUrl } from './file-database.js';
import { createApp, type App } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startServer } from '../../src/http/server.js';

export interface TestServer {
  app: App;
  config: Config;
  url: string;
  wsUrl: string;
  port: number;
  stop(): Promise<void>;
}

/** The environment a test server process gets: this test file's database and a Redis key prefix. */
export function testEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: fileDatabaseUrl,
    REDIS_URL: inject('redisUrl'),
    // Each server gets its own key space unless a test shares one on purpose (two processes).
    REDIS_PREFIX: `${inject('redisPrefix')}${randomUUID().slice(0, 8)}:`,
    HOST: '127.0.0.1',
    PORT: '0',
    SEED_DEMO: 'false',
    AUTH_JWT_SECRET: 'test-secret-test-secret-test-secret-!!',
    LOG_LEVEL: 'silent',
    // Lines open at once in tests; the restore test sets its own grace.
    QUEUE_RESTORE_GRACE_SECONDS: '0',
    // Test files share one database but not Redis key spaces: a sweeper of another file's server
    // would release this file's holds and announce it where this file's subscribers never listen.
    // Only tests about expiry sweep (and set their own interval).
    HOLD_SWEEP_INTERVAL_MS: '3600000',
    // Concurrency tests fire hundreds of calls as one user on purpose; the limit has its own test.
    RATE_LIMIT_PER_SECOND: '0',
    RATE_LIMIT_PER_IP_PER_SECOND: '0',
    ...overrides,
  };
}

/** Starts the real server in-process on a random port, exactly as `src/index.ts` wires it. */
export async function startTestServer(overrides: Record<string, string> = {}): Promise<TestServer> {
  const config = loadConfig(testEnv(overrides));
  const app = await createApp(config, createLogger(config.LOG_LEVEL));
  const server = await startServer(app);
  return { app, config, url: server.url, wsUrl: server.url.replace(/^http/, 'ws'), port: server.port, stop: server.stop };
}

/** A valid identity JWT for a new (or the given) user, signed with the server's secret. */
export function identityToken(server: TestServer, userId: string = randomUUID()): Promise<string> {
  return server.app.identity.sign(userId);
}
