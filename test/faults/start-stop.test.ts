import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';

/** Every process whose parent chain leads to `root` (from /proc). */
function descendantsOf(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after the command name (which may hold spaces) start at the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // exited meanwhile
    }
  }
  const found: number[] = [];
  const walk = (pid: number) => {
    for (const [child, parent] of parentOf) if (parent === pid) found.push(child), walk(child);
  };
  walk(root);
  return found;
}

const alive = (pid: number) => {
  try {
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
};

describe('npm start', () => {
  it('stopped by its PID with SIGTERM, stops everything it started (server, PostgreSQL, redis-server) and frees the port', async () => {
    // A data directory of its own, readable by the `postgres` user embedded PostgreSQL runs as.
    const dataDir = mkdtempSync(join(tmpdir(), 'boxoffice-start-'));
    chmodSync(dataDir, 0o755);
    const npm = spawn('npm', ['start'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, START_OWN_SERVICES: 'true', BOXOFFICE_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info', DATABASE_URL: '', REDIS_URL: '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('npm start did not listen within 150 s')), 150_000);
        npm.once('exit', (code) => reject(new Error(`npm start exited with ${code}`)));
        createInterface({ input: npm.stdout! }).on('line', (line) => {
          if (!line.includes('boxoffice listening')) return;
          clearTimeout(timer);
          resolve((JSON.parse(line) as { port: number }).port);
        });
      });
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      const started = descendantsOf(npm.pid!);
      const commands = started.map((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' '));
      expect(commands.some((c) => c.includes('redis-server'))).toBe(true);
      expect(commands.some((c) => c.includes('postgres'))).toBe(true);

      const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
      npm.kill('SIGTERM');
      expect(await exited).toBe(0);
      // Nothing npm start started is left, and the port is free.
      const deadline = Date.now() + 10_000;
      while (started.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(started.filter(alive)).toEqual([]);
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    } finally {
      if (npm.exitCode === null) npm.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
