/**
 * Times one GraphQL request over and over from a small process of its own, so what it measures
 * is the server and Redis, not pauses of a busy test process (its garbage collector, its other
 * servers and sockets). Run by `startLatencyProbe` from the compiled tree.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths.js';

export interface LatencyProbe {
  /** Stops the probe; resolves with the milliseconds of every request sent after `since` (ms since the epoch). */
  stop(since?: number): Promise<number[]>;
}

interface ProbeRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  intervalMs: number;
}

/** Sends `body` to `url` every `intervalMs` until stopped; each response must be a 200 without errors. */
export function startLatencyProbe(request: ProbeRequest): LatencyProbe {
  const self = resolve(PROJECT_ROOT, 'dist', 'test', 'support', 'latency-probe.js');
  if (!existsSync(self)) throw new Error(`${self} is missing: run \`npm run build\` (npm test does)`);
  const child = spawn(process.execPath, [self], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin.end(JSON.stringify(request));
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', done));
  return {
    async stop(since = 0) {
      child.kill('SIGTERM');
      const code = await exited;
      const report = JSON.parse(out || 'null') as { samples: Array<[number, number]>; error?: string } | null;
      if (!report || report.error) throw new Error(`latency probe failed (exit ${code}): ${report?.error ?? 'no report'}`);
      return report.samples.filter(([at]) => at >= since).map(([, ms]) => ms);
    },
  };
}

async function runProbe(): Promise<void> {
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  const request = JSON.parse(input) as ProbeRequest;
  const samples: Array<[number, number]> = [];
  let error: string | undefined;
  let stopped = false;
  process.once('SIGTERM', () => (stopped = true));
  while (!stopped && !error) {
    const sentAt = Date.now();
    const started = performance.now();
    const res = await fetch(request.url, { method: 'POST', headers: { 'content-type': 'application/json', ...request.headers }, body: request.body });
    const body = (await res.json()) as { errors?: unknown };
    samples.push([sentAt, performance.now() - started]);
    if (res.status !== 200 || body.errors) error = `HTTP ${res.status}: ${JSON.stringify(body)}`;
    await new Promise((r) => setTimeout(r, request.intervalMs));
  }
  process.stdout.write(JSON.stringify({ samples, error }));
}

if (import.meta.url === `file://${process.argv[1]}`) await runProbe();
