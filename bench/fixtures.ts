/** Rows and tickets the benchmarks start from, made directly (not through the server they measure). */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { App } from '../src/app.js';

export interface Fan {
  userId: string;
  identity: string;
  queueToken: string;
}

export async function newConcert(app: App, title: string): Promise<string> {
  const [{ id }] = await app.orm.em.getConnection().execute<{ id: string }[]>(`insert into concert (title) values (?) returning id`, [title]);
  return id;
}

/** A performance 30 days out with seats 1..50. */
export async function newPerformance(app: App, concertId: string): Promise<string> {
  const conn = app.orm.em.getConnection();
  const [{ id }] = await conn.execute<{ id: string }[]>(`insert into concert_schedule (concert_id, starts_at) values (?, now() + interval '30 days') returning id`, [concertId]);
  await conn.execute(`insert into seat (schedule_id, number, price) select ?, n, 100000 from generate_series(1, 50) n`, [id]);
  return id;
}

/** `count` signed-in users holding a ticket of the concert's line (WAITING until a tick). */
export async function fans(app: App, concertId: string, count: number): Promise<Fan[]> {
  const conn = app.orm.em.getConnection();
  const out: Fan[] = [];
  for (let i = 0; i < count; i += 500) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(500, count - i) }, async () => {
        const userId = randomUUID();
        await conn.execute('insert into app_user (id) values (?)', [userId]);
        const state = await app.queue.issue(userId, concertId);
        return { userId, identity: await app.identity.sign(userId), queueToken: await app.queue.tokenFor(state) };
      }),
    );
    out.push(...batch);
  }
  return out;
}

/** Identity JWTs of `count` users nobody has seen yet. */
export function newIdentities(app: App, count: number): Promise<string[]> {
  return Promise.all(Array.from({ length: count }, () => app.identity.sign(randomUUID())));
}

export const residentKb = (pid: number): number => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);

/** CPU seconds (user + system) the process has used so far; the kernel counts in ticks of 10 ms. */
export function cpuSeconds(pid: number): number {
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The bare Node `http` server of bench/bare-server.ts, as its own process. */
export async function spawnBareServer(): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [new URL('./bare-server.js', import.meta.url).pathname], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((done) => createInterface({ input: child.stdout! }).once('line', (line) => done((JSON.parse(line) as { port: number }).port)));
  return {
    url: `http://127.0.0.1:${port}/`,
    child,
    stop: () => new Promise((done) => (child.once('exit', () => done()), child.kill('SIGTERM'))),
  };
}
