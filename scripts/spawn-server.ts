import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { PROJECT_ROOT } from '../src/paths.js';

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  wsUrl: string;
  port: number;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  /** SIGTERM, then wait for the exit. */
  stop(): Promise<number | null>;
}

const ENTRY = resolve(PROJECT_ROOT, 'dist', 'src', 'index.js');

/**
 * Starts the compiled server as its own OS process, exactly as `npm start` runs it (used by
 * tests that need a second process and by benchmarks), and resolves once it listens.
 * `env` is the whole environment of the child; it must log at info level or above.
 */
export async function spawnServer(env: Record<string, string | undefined>, { startTimeoutMs = 20_000 } = {}): Promise<ServerProcess> {
  if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run \`npm run build\` (npm test does)`);
  // Its own process group: with WORKERS > 1 its workers go with it when it has to be killed.
  const child = spawn(process.execPath, [ENTRY], { env, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  // With several workers, ready once every one of them listens (the primary says so).
  const ready = Number(env.WORKERS ?? 1) > 1 ? 'boxoffice workers listening' : 'boxoffice listening';
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  // Whatever becomes of the caller (a test that fails or times out, a benchmark cut short), the
  // server does not outlive it.
  const killOnExit = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.once('exit', killOnExit);
  void exited.then(() => process.off('exit', killOnExit));
  const port = await new Promise<number>((done, fail) => {
    const timer = setTimeout(() => {
      killOnExit();
      fail(new Error(`server process did not start within ${startTimeoutMs / 1000} s`));
    }, startTimeoutMs);
    child.once('exit', (code) => fail(new Error(`server process exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; port?: number };
        if (entry.msg === ready && entry.port) {
          clearTimeout(timer);
          done(entry.port);
        }
      } catch {
        // not a log line
      }
    });
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  return {
    child,
    url,
    wsUrl: url.replace(/^http/, 'ws'),
    port,
    exited,
    stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
