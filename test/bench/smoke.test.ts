import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';

interface Report {
  rows: Array<{ id: string; figure: string; value: number; unit: string; ratio?: { value: number } }>;
  results: Record<string, { error?: string }>;
}

/**
 * `npm run bench -- --quick` end to end: every benchmark runs against its own production server
 * process and reports its figures. No figure is judged here (speed is the benchmark's business,
 * not a test's); the suite only has to work.
 */
describe('npm run bench -- --quick', () => {
  it('runs every benchmark and reports every figure of the table (1-9) as a number', { timeout: 600_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'boxoffice-bench-'));
    try {
      const out = join(dir, 'results.json');
      const child = spawn(process.execPath, [resolve(PROJECT_ROOT, 'dist', 'bench', 'run.js'), '--quick', '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d));
      child.stderr.on('data', (d: Buffer) => (output += d));
      const code = await new Promise<number | null>((done) => child.once('exit', done));
      expect(code, output).toBe(0);

      const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
      expect(Object.entries(report.results).filter(([, r]) => r.error)).toEqual([]);
      const ids = new Set(report.rows.map((r) => r.id));
      expect(['1', '2', '3', '4', '5', '6', '7', '8', '9'].filter((id) => !ids.has(id))).toEqual([]);
      for (const row of report.rows) expect(Number.isFinite(row.value), row.figure).toBe(true);
      // The throughputs were each measured against the ceiling or the floor of the same run.
      expect(report.rows.filter((r) => ['2', '3', '4', '5'].includes(r.id)).every((r) => r.ratio && r.ratio.value > 0)).toBe(true);
      expect(output).toContain('| # | figure | value |');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
