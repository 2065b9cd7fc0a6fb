import { afterAll, beforeAll } from 'vitest';
import { spawnServer as spawnWithEnv, type ServerProcess } from '../../scripts/spawn-server.js';
import { startTestServer, testEnv, type TestServer } from './server.js';

export type { ServerProcess };

/** The compiled server as its own OS process, on this test run's database and Redis. */
export function spawnServer(overrides: Record<string, string> = {}): Promise<ServerProcess> {
  return spawnWithEnv({ ...process.env, ...testEnv({ LOG_LEVEL: 'info', ...overrides }) });
}

/**
 * For the calling test file: a server in this process and one as its own OS process, sharing one
 * Redis key space (and the run's database), started before its tests and stopped after. Read the
 * fields inside tests: they are set by `beforeAll`.
 */
export function twoServerProcesses(overrides: Record<string, string>): { server: TestServer; other: ServerProcess } {
  const env = { REDIS_PREFIX: testEnv().REDIS_PREFIX, ...overrides };
  const both = {} as { server: TestServer; other: ServerProcess };
  beforeAll(async () => {
    both.server = await startTestServer(env);
    both.other = await spawnServer(env);
  });
  afterAll(async () => {
    await both.other?.stop();
    await both.server?.stop();
  });
  return both;
}
