import type { Config } from './config.js';

export type RuntimeConfig = Pick<Config, 'V8_MAX_SEMI_SPACE_MB' | 'V8_HEAP_GROWING_PERCENT' | 'V8_MAX_OLD_SPACE_MB' | 'MALLOC_ARENA_MAX' | 'MALLOC_MMAP_THRESHOLD_' | 'NODE_OPTIONS'>;

/** How the server process has to be started for its memory settings to hold. */
export interface Runtime {
  /** Node flags, before the script. */
  execArgv: string[];
  /** Added to the environment (glibc reads these before `main`). */
  env: Record<string, string>;
}

/** `--name=value` or `--name value`, with dashes or underscores, as Node accepts V8 flags. */
const hasFlag = (args: readonly string[], name: string) => {
  const pattern = new RegExp(`^--${name.replace(/-/g, '[-_]')}(=|$)`);
  return args.some((a) => pattern.test(a));
};

/**
 * The V8 flags and malloc settings the server runs with. Each is only known to the runtime at
 * start: V8 sizes its heap when the isolate is made (`v8.setFlagsFromString` afterwards changes
 * nothing, measured), and glibc reads its variables before `main`.
 *
 * - `--max-semi-space-size` (V8_MAX_SEMI_SPACE_MB): V8's young generation. Node 24's default
 *   lets it grow to two semi-spaces of 64 MB, and after any burst of requests it stays that
 *   size, filled with the garbage of the requests: 128 of an idle server's 250 MB (measured).
 *   A smaller one is collected more often, each time copying less: bench/README.md item 13.
 * - `--heap-growing-percent` (V8_HEAP_GROWING_PERCENT): how far the old generation may grow past
 *   what the last full collection left before the next one. V8 allows up to 4 times on a machine
 *   with 2 GB of heap limit or more, and what a request still holds when the young generation
 *   is collected (it is waiting for PostgreSQL or Redis) is promoted there and dies soon after:
 *   100,000 sign-ins left 247 MB of old space holding 84 MB of objects, and V8 keeps the pages.
 * - `--max-old-space-size` (V8_MAX_OLD_SPACE_MB): unset by default (V8 sizes it from the
 *   machine's memory). A hard limit (the process dies when its live heap exceeds it), so a
 *   deployment's choice, sized to its memory per process; below 2 GB V8 also lowers its growing
 *   factor by itself.
 * - MALLOC_ARENA_MAX: glibc makes a malloc arena per thread that allocates (libuv's pool, V8's
 *   GC helpers), up to 8 per core, and an arena keeps the memory it once held.
 * - MALLOC_MMAP_THRESHOLD_: glibc serves allocations from this size up with a mapping of their
 *   own, returned when freed. Its default starts there but rises to the largest block freed so
 *   far (up to 32 MB), after which V8's compiler zones and large buffers are carved from the
 *   heap and what they leave between live blocks stays resident: an idle server's malloc heap
 *   was 19-31 MB, plus at times a 10 MB mapping, against 17-19 MB with the threshold fixed.
 *
 * The two V8 settings are off by default: a waiting room's peak is CPU-bound, and together they
 * took a `{ __typename }` from 71 to 154 µs of server CPU (bench/README.md item 14). They are the
 * memory profile for a deployment that runs many processes per machine and has cores to spare.
 *
 * The operator's own flags (in NODE_OPTIONS or on the command line) win over these.
 */
export function runtimeOf(config: RuntimeConfig, execArgv: readonly string[]): Runtime {
  const given = [...execArgv, ...config.NODE_OPTIONS.split(/\s+/)];
  // V8 flags by name, in units of their own (MB, percent); 0 leaves V8's default.
  const flags: Array<[string, number]> = [
    ['max-semi-space-size', config.V8_MAX_SEMI_SPACE_MB],
    ['heap-growing-percent', config.V8_HEAP_GROWING_PERCENT],
    ['max-old-space-size', config.V8_MAX_OLD_SPACE_MB],
  ];
  return {
    execArgv: flags.filter(([name, value]) => value > 0 && !hasFlag(given, name)).map(([name, value]) => `--${name}=${value}`),
    env: { MALLOC_ARENA_MAX: String(config.MALLOC_ARENA_MAX), MALLOC_MMAP_THRESHOLD_: String(config.MALLOC_MMAP_THRESHOLD_) },
  };
}

/**
 * What this process must be re-executed with so that it runs with `runtimeOf`'s settings, or null
 * when it already does (it was started with them, or re-executed once: its own flags are then in
 * `execArgv` and its environment holds the setting).
 */
export function relaunchOf(config: RuntimeConfig, execArgv: readonly string[], env: Readonly<Record<string, string | undefined>>): Runtime | null {
  const wanted = runtimeOf(config, execArgv);
  const missingEnv = Object.entries(wanted.env).some(([k, v]) => env[k] !== v);
  return wanted.execArgv.length || missingEnv ? wanted : null;
}
