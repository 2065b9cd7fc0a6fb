import { spawnServer as spawnWithEnv, type ServerProcess } from '../../scripts/spawn-server.js';
import { testEnv } from './server.js';

export type { ServerProcess };

/** The compiled server as its own OS process, on this test run's database and Redis. */
export function spawnServer(overrides: Record<string, string> = {}): Promise<ServerProcess> {
  return spawnWithEnv({ ...process.env, ...testEnv({ LOG_LEVEL: 'info', ...overrides }) });
}
