import { availableParallelism } from 'node:os';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max = Number.MAX_SAFE_INTEGER) => z.coerce.number().int().min(min).max(max);
/** A comma-separated list, blanks dropped. */
const list = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(item).min(1));

/**
 * Signature algorithms an identity provider may use. Only public-key ones: with a JWKS, an HMAC
 * algorithm would let anyone who can read the provider's public key sign tokens.
 */
const PROVIDER_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'] as const;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: int(0, 65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).default('postgres://postgres@127.0.0.1:5432/boxoffice'),
  DATABASE_POOL_SIZE: int(1, 1000).default(10),
  DATABASE_READ_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
  REDIS_CLUSTER_NODES: list(z.string().regex(/^[^\s:,]+:\d{1,5}$/, 'must be host:port')).optional(),
  WORKERS: int(1, 1024).optional(),
  REDIS_PREFIX: z.string().regex(/^[\w:.-]*$/).default('boxoffice:'),
  AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').default('dev-only-secret-change-me-in-production!'),
  AUTH_HS256: bool.optional(),
  AUTH_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
  AUTH_ISSUER: z.string().optional(),
  AUTH_AUDIENCE: list(z.string()).optional(),
  AUTH_ALGORITHMS: list(z.enum(PROVIDER_ALGORITHMS, { error: `not a public-key algorithm (${PROVIDER_ALGORITHMS.join(', ')})` })).default(['RS256', 'ES256']),
  AUTH_USER_CLAIM: z.string().min(1).default('sub'),
  AUTH_ROLES_CLAIM: z.string().min(1).default('roles'),
  AUTH_JWKS_COOLDOWN_MS: int(0).default(30_000),
  AUTH_JWKS_MAX_AGE_MS: int(0).default(600_000),
  QUEUE_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SEED_DEMO: bool.default(true),
  SEAT_HOLD_SECONDS: int(1).default(300),
  MAX_HOLDS_PER_USER: int(1).default(4),
  QUEUE_MAX_ACTIVE: int(1).default(100),
  QUEUE_ACTIVE_SECONDS: int(1).default(600),
  QUEUE_ADMIT_INTERVAL_MS: int(10).default(1000),
  QUEUE_IDLE_SECONDS: int(1).default(120),
  QUEUE_RESTORE_GRACE_SECONDS: int(0).default(5),
  QUEUE_TICK_BATCH: int(1, 100_000).default(500),
  QUEUE_TOKEN_TTL_SECONDS: int(60).default(24 * 3600),
  HOLD_SWEEP_INTERVAL_MS: int(10).default(1000),
  CHARGE_MAX: int(1, 2_147_483_647).default(1_000_000),
  RATE_LIMIT_PER_SECOND: z.coerce.number().min(0).default(20),
  RATE_LIMIT_BURST: int(1).default(40),
  RATE_LIMIT_PER_IP_PER_SECOND: z.coerce.number().min(0).default(20),
  RATE_LIMIT_PER_IP_BURST: int(1).default(100),
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((p) => p.trim()).filter(Boolean)),
  WS_MAX_PAYLOAD_BYTES: int(1024).default(64 * 1024),
  WS_INIT_TIMEOUT_MS: int(100).default(5000),
  WS_KEEPALIVE_MS: int(0).default(12_000),
  WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: int(1).default(10),
  WS_MAX_CONNECTIONS_PER_ADDRESS: int(1).default(500),
  WS_MAX_CONNECTIONS_PER_USER: int(1).default(10),
  EXPLORER: bool.optional(),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_TIMEOUT_MS: int(100).default(8000),
  CLOCK_OFFSET_MS: z.coerce.number().int().min(-86_400_000).max(86_400_000).default(0),
  // What these save and cost: src/runtime.ts. Off (V8's own) by default: the settings that meet
  // the memory targets (4 and 50) doubled the server's CPU per request (bench/README.md item 14).
  V8_MAX_SEMI_SPACE_MB: int(0, 1024).default(0),
  V8_HEAP_GROWING_PERCENT: int(0, 1000).default(0),
  V8_MAX_OLD_SPACE_MB: int(0, 1_048_576).default(0),
  // glibc's own variables, read by glibc as given: a default here only fills them in when unset.
  MALLOC_ARENA_MAX: int(1, 1024).default(2),
  MALLOC_MMAP_THRESHOLD_: int(4096, 32 * 1024 * 1024).default(128 * 1024),
  // Read only to see which V8 flags the operator gave already (theirs win over the settings above).
  NODE_OPTIONS: z.string().default(''),
});

export type Config = Omit<z.infer<typeof schema>, 'WORKERS'> & {
  /** Server processes on this port (node:cluster); one per CPU in production, else 1. */
  WORKERS: number;
  /** Secret that signs queue tokens; derived from the identity secret unless given. */
  QUEUE_TOKEN_SECRET: string;
  /** Whether GET /graphql serves the explorer (always outside production, opt-in inside). */
  EXPLORER: boolean;
  /**
   * Whether identity JWTs signed HS256 with AUTH_JWT_SECRET are accepted: always without a JWKS,
   * with one only outside production (development tokens beside a real provider).
   */
  AUTH_HS256: boolean;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

/**
 * Reads and validates the configuration once. Nothing else in boxoffice reads `process.env`.
 * Empty strings count as unset so `FOO= npm start` falls back to the default.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.')}=${JSON.stringify(raw[String(i.path[0])] ?? '')}: ${i.message}`),
    );
  }
  const c = parsed.data;
  const production = c.NODE_ENV === 'production';
  const hs256 = c.AUTH_HS256 ?? (!c.AUTH_JWKS_URL || !production);
  const problems = [];
  const defaultSecret = c.AUTH_JWT_SECRET === schema.shape.AUTH_JWT_SECRET.parse(undefined);
  // The default secret is public: nothing it signs may count in production, queue tokens included.
  if (production && defaultSecret && (hs256 || !c.QUEUE_TOKEN_SECRET)) {
    problems.push(hs256 ? 'AUTH_JWT_SECRET: must be set in production (the default is public)' : 'QUEUE_TOKEN_SECRET (or AUTH_JWT_SECRET): must be set in production (the default is public)');
  }
  if (!hs256 && !c.AUTH_JWKS_URL) problems.push('AUTH_HS256=false needs AUTH_JWKS_URL: nothing else verifies identity');
  if (production && c.AUTH_JWKS_URL) {
    if (c.AUTH_HS256) problems.push('AUTH_HS256: development tokens cannot be accepted beside a JWKS in production');
    if (!c.AUTH_ISSUER) problems.push('AUTH_ISSUER: required with AUTH_JWKS_URL in production');
    if (!c.AUTH_AUDIENCE) problems.push('AUTH_AUDIENCE: required with AUTH_JWKS_URL in production');
    const url = new URL(c.AUTH_JWKS_URL);
    if (url.protocol !== 'https:' && !LOOPBACK_HOSTS.has(url.hostname)) problems.push('AUTH_JWKS_URL: must be https in production (keys fetched in clear text can be swapped)');
  }
  if (problems.length) throw new ConfigError(problems);
  return {
    ...c,
    QUEUE_TOKEN_SECRET: c.QUEUE_TOKEN_SECRET ?? `queue-token:${c.AUTH_JWT_SECRET}`,
    EXPLORER: c.EXPLORER ?? !production,
    AUTH_HS256: hs256,
    WORKERS: c.WORKERS ?? (production ? availableParallelism() : 1),
  };
}
