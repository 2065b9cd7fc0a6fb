/**
 * `npm run bench [-- --quick] [names...]`: runs the benchmarks against real PostgreSQL and Redis
 * (found or started like `npm test`) in a scratch database and key prefix. Each benchmark drives a
 * production server process of its own from this process (autocannon over HTTP, graphql-ws
 * clients over WebSocket). Prints one table, every throughput also as a ratio to a figure taken
 * in this same run, and writes everything to bench/results.json (`--out <file>` elsewhere).
 * Benchmarks measure; they never fail on a number (the table says which targets were met).
 * `--quick` runs every benchmark at a small scale, in under a minute: the smoke test uses it.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../src/paths.js';
import type { Benchmark, BenchResult, Row } from './env.js';
import { openScratch } from './scratch.js';

/** Every benchmark, by name, in the order they run; a feature adds its own here. */
const benchmarks: Record<string, () => Promise<Benchmark>> = {
  throughput: async () => (await import('./throughput.js')).default,
  booking: async () => (await import('./booking.js')).default,
  fanout: async () => (await import('./fanout.js')).default,
  line: async () => (await import('./line.js')).default,
  memory: async () => (await import('./memory.js')).default,
  slot: async () => (await import('./slot.js')).default,
};

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const outAt = args.indexOf('--out');
const out = outAt >= 0 ? resolve(args[outAt + 1]) : resolve(PROJECT_ROOT, 'bench', 'results.json');
// Without --out, outAt + 1 is 0: the first name must not be taken for --out's value.
const only = args.filter((a, i) => !a.startsWith('--') && (outAt < 0 || i !== outAt + 1));
const unknown = only.filter((n) => !(n in benchmarks));
if (unknown.length) {
  console.error(`unknown benchmark ${unknown.join(', ')}; one of ${Object.keys(benchmarks).join(', ')}`);
  process.exit(2);
}

/** The table so far, and the report written to `out` (after every benchmark, so a run cut short keeps its figures). */
function report(): string {
  const rows: Row[] = Object.values(results).flatMap((r) => ('rows' in r ? r.rows : []));
  const fmt = (n: number) => n.toLocaleString('en');
  const table = [
    ['#', 'figure', 'value', 'ratio', 'target', 'met'],
    ...rows.map((r) => [r.id, r.figure, `${fmt(r.value)} ${r.unit}`, r.ratio ? `${r.ratio.value} of ${r.ratio.of}` : '', r.target?.text ?? '', r.target ? (r.target.met ? 'yes' : 'NO') : '']),
  ];
  const markdown = [table[0], table[0].map(() => '---'), ...table.slice(1)].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
  const seconds = Number(((performance.now() - started) / 1000).toFixed(1));
  writeFileSync(out, `${JSON.stringify({ node: process.version, cpus: cpus().length, quick, at: new Date().toISOString(), seconds, rows, results }, null, 2)}\n`);
  return `${markdown}\n\n${quick ? 'quick run (small scale: targets are for the full run); ' : ''}${seconds} s; details in ${out}`;
}

const scratch = await openScratch();
const results: Record<string, BenchResult | { error: string }> = {};
const started = performance.now();
try {
  for (const [name, loadBench] of Object.entries(benchmarks)) {
    if (only.length && !only.includes(name)) continue;
    console.error(`bench: ${name}...`);
    const benchStarted = performance.now();
    const bench = await loadBench();
    try {
      results[name] = await bench({ serverEnv: scratch.serverEnv, quick, loadSeconds: quick ? 1 : 5 });
    } catch (e) {
      // One broken benchmark still leaves the others' figures.
      console.error(`bench: ${name} failed:`, e);
      results[name] = { error: String((e as Error).stack ?? e) };
    }
    console.error(`bench: ${name} took ${((performance.now() - benchStarted) / 1000).toFixed(1)} s`);
    report();
  }
} finally {
  await scratch.close();
}
console.log(report());

const failed = Object.entries(results).filter(([, r]) => 'error' in r);
process.exit(failed.length ? 1 : 0);
