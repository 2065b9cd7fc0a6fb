import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { testEnv } from './server.js';

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  wsUrl: string;
  port: number;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

const ENTRY = resolve(import.meta.dirname, '../../dist/src/index.js');

/**
 * Starts the compiled server (`npm test` builds it first) as its own OS process, exactly as
 * `npm start` runs it, and resolves once it is listening.
 */
export async function spawnServer(overrides: Record<string, string> = {}): Promise<ServerProcess> {
  if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run \`npm run build\` (npm test does)`);
  const child = spawn(process.execPath, [ENTRY], {
    env: { ...process.env, ...testEnv({ LOG_LEVEL: 'info', ...overrides }) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const port = await new Promise<number>((done, fail) => {
    const timer = setTimeout(() => fail(new Error('server process did not start within 20 s')), 20_000);
    child.once('exit', (code) => fail(new Error(`server process exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; port?: number };
        if (entry.msg === 'boxoffice listening' && entry.port) {
          clearTimeout(timer);
          done(entry.port);
        }
      } catch {
        // not a log line
      }
    });
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  return { child, url, wsUrl: url.replace(/^http/, 'ws'), port, exited };
}
