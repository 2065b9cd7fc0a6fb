import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testEnv } from '../support/server.js';
import { loadConfig } from '../../src/config.js';
import { relaunchOf, runtimeOf } from '../../src/runtime.js';
import { spawnServer } from '../../scripts/spawn-server.js';

/** What the kernel says a process was started with: its arguments and its environment. */
function startedWith(pid: number): { args: string[]; env: Record<string, string> } {
  const fields = (file: string) => readFileSync(`/proc/${pid}/${file}`, 'utf8').split('\0').filter(Boolean);
  return { args: fields('cmdline'), env: Object.fromEntries(fields('environ').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)])) };
}

describe('the server process runs with its memory settings', () => {
  it('started as `npm start`, the tests and the benchmarks start it (node dist/src/index.js), the same process runs with the V8 flags and malloc settings of its configuration', { timeout: 90_000 }, async () => {
    const server = await spawnServer({ PATH: process.env.PATH, ...testEnv({ LOG_LEVEL: 'info', V8_MAX_SEMI_SPACE_MB: '3', V8_HEAP_GROWING_PERCENT: '40', V8_MAX_OLD_SPACE_MB: '900', MALLOC_ARENA_MAX: '3', MALLOC_MMAP_THRESHOLD_: '65536' }) }, { startTimeoutMs: 60_000 });
    try {
      // The PID that was spawned is the one serving: nothing sits between a process manager and the server.
      const { args, env } = startedWith(server.child.pid!);
      expect(args).toContain('--max-semi-space-size=3');
      expect(args).toContain('--heap-growing-percent=40');
      expect(args).toContain('--max-old-space-size=900');
      expect(env.MALLOC_ARENA_MAX).toBe('3');
      expect(env.MALLOC_MMAP_THRESHOLD_).toBe('65536');
      expect((await fetch(server.url.replace('/graphql', '/healthz'))).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it("by default: V8's own heap sizing (its CPU cost is the throughput's), two malloc arenas, blocks from 128 kB mapped on their own", () => {
    const config = loadConfig({});
    expect(runtimeOf(config, [])).toEqual({ execArgv: [], env: { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072' } });
  });

  it('the memory profile: young generation capped at 4 MB per semi-space, the old one collected once it grew by half', () => {
    const config = loadConfig({ V8_MAX_SEMI_SPACE_MB: '4', V8_HEAP_GROWING_PERCENT: '50' });
    expect(runtimeOf(config, []).execArgv).toEqual(['--max-semi-space-size=4', '--heap-growing-percent=50']);
  });

  it("the operator's own flags win, on the command line or in NODE_OPTIONS (either spelling); 0 leaves V8's default", () => {
    const config = loadConfig({ V8_MAX_SEMI_SPACE_MB: '4', V8_HEAP_GROWING_PERCENT: '0', V8_MAX_OLD_SPACE_MB: '1024', NODE_OPTIONS: '--enable-source-maps --max_old_space_size=2048' });
    expect(runtimeOf(config, ['--max-semi-space-size', '16']).execArgv).toEqual([]);
    expect(runtimeOf(config, []).execArgv).toEqual(['--max-semi-space-size=4']);
    expect(runtimeOf(loadConfig({ V8_MAX_SEMI_SPACE_MB: '0', V8_HEAP_GROWING_PERCENT: '0' }), []).execArgv).toEqual([]);
  });

  it("glibc's variables keep the operator's values (glibc reads them as given); a value glibc would turn against memory is refused", () => {
    expect(runtimeOf(loadConfig({ MALLOC_ARENA_MAX: '8', MALLOC_MMAP_THRESHOLD_: '1048576' }), []).env).toEqual({ MALLOC_ARENA_MAX: '8', MALLOC_MMAP_THRESHOLD_: '1048576' });
    // 0 would give every allocation, however small, a mapping of its own.
    expect(() => loadConfig({ MALLOC_MMAP_THRESHOLD_: '0' })).toThrow(/MALLOC_MMAP_THRESHOLD_/);
  });

  it('a process started with the settings is not started again (no loop), one without them is', () => {
    const config = loadConfig({ V8_MAX_OLD_SPACE_MB: '1024' });
    const wanted = runtimeOf(config, []);
    expect(relaunchOf(config, [], {})).toEqual(wanted);
    expect(relaunchOf(config, wanted.execArgv, {})).toEqual({ execArgv: [], env: wanted.env });
    expect(relaunchOf(config, wanted.execArgv, wanted.env)).toBeNull();
    // A cluster worker inherits the primary's flags and environment.
    expect(relaunchOf(config, ['--enable-source-maps', ...wanted.execArgv], { PATH: '/bin', ...wanted.env })).toBeNull();
  });
});
