/** What run.ts hands every benchmark, and what a benchmark gives back. */

export interface BenchEnv {
  /** The environment of a benchmark's server: this run's services, its own prefix, as deployed. */
  serverEnv(name: string, overrides: Record<string, string>): Record<string, string | undefined>;
  /** `--quick`: every benchmark at a small scale, the whole run in under a minute. */
  quick: boolean;
  /** Seconds of each fixed-duration HTTP load. */
  loadSeconds: number;
}

/** One row of the table: a figure, and where a target applies, whether it was met. */
export interface Row {
  /** The table's numbering (1..9) and a name. */
  id: string;
  figure: string;
  value: number;
  unit: string;
  /** `value` over the figure it is compared with, taken in this same run. */
  ratio?: { of: string; value: number };
  /** The target as text and whether this run met it. */
  target?: { text: string; met: boolean };
}

export interface BenchResult {
  rows: Row[];
  /** Everything else measured, for bench/results.json. */
  detail: Record<string, unknown>;
}

export type Benchmark = (env: BenchEnv) => Promise<BenchResult>;

/**
 * The server's memory profile: its V8 settings that meet figure 9's targets, at a CPU price the
 * throughput rows of the default show by contrast (bench/README.md item 14). Figure 9 is
 * reported for the default and for this.
 */
export const MEMORY_PROFILE: Record<string, string> = { V8_MAX_SEMI_SPACE_MB: '4', V8_HEAP_GROWING_PERCENT: '50' };
/** The profile as it is set in a shell, for the table's labels. */
export const MEMORY_PROFILE_TEXT = Object.entries(MEMORY_PROFILE)
  .map(([name, value]) => `${name}=${value}`)
  .join(' ');
