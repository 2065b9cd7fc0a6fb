import type { Config } from './config.js';

export type RuntimeConfig = Pick<Config, 'V8_MAX_SEMI_SPACE_MB' | 'V8_MAX_OLD_SPACE_MB' | 'MALLOC_ARENA_MAX' | 'NODE_OPTIONS'>;

/** How the server process has to be started for its memory settings to hold. */
export interface Runtime {
  /** Node flags, before the script. */
  execArgv: string[];
  /** Added to the environment (read by glibc before `main`). */
  env: Record<string, string>;
}

/** `--name=value` or `--name value`, with dashes or underscores, as Node accepts V8 flags. */
const hasFlag = (args: readonly string[], name: string) => {
  const pattern = new RegExp(`^--${name.replace(/-/g, '[-_]')}(=|$)`);
  return args.some((a) => pattern.test(a));
};

/**
 * The V8 flags and malloc setting the server runs with. Each is only known to the runtime at
 * start: V8 sizes its heap when the isolate is made (`v8.setFlagsFromString` afterwards changes
 * nothing, measured), and glibc reads MALLOC_ARENA_MAX before `main`.
 *
 * - `--max-semi-space-size` (V8_MAX_SEMI_SPACE_MB): V8's young generation. Node 24's default
 *   lets it grow to 3 x 16 MB, and after any burst of requests it stays that size, filled with
 *   the garbage of the requests: about a third of an idle server's resident memory. A smaller one
 *   costs more scavenges (cheap: the survivors of a request are few), see bench/README.md item 13.
 * - `--max-old-space-size` (V8_MAX_OLD_SPACE_MB): unset by default (V8 sizes it from the
 *   machine's memory). Below 1 GB V8 also lets the heap grow by a smaller factor between full
 *   collections; a limit is a hard one (the process dies when its live heap exceeds it), so it is
 *   a deployment's choice, sized to its memory per process.
 * - MALLOC_ARENA_MAX: glibc makes a malloc arena per thread that allocates (libuv's pool, V8's
 *   GC helpers), up to 8 per core, and an arena keeps the memory it once held.
 *
 * The operator's own flags (in NODE_OPTIONS or on the command line) win over these.
 */
export function runtimeOf(config: RuntimeConfig, execArgv: readonly string[]): Runtime {
  const given = [...execArgv, ...config.NODE_OPTIONS.split(/\s+/)];
  const flags: Array<[string, number]> = [
    ['max-semi-space-size', config.V8_MAX_SEMI_SPACE_MB],
    ['max-old-space-size', config.V8_MAX_OLD_SPACE_MB],
  ];
  return {
    execArgv: flags.filter(([name, mb]) => mb > 0 && !hasFlag(given, name)).map(([name, mb]) => `--${name}=${mb}`),
    env: config.MALLOC_ARENA_MAX > 0 ? { MALLOC_ARENA_MAX: String(config.MALLOC_ARENA_MAX) } : {},
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
