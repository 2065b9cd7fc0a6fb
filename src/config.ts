import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max = Number.MAX_SAFE_INTEGER) => z.coerce.number().int().min(min).max(max);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: int(0, 65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).default('postgres://postgres@127.0.0.1:5432/boxoffice'),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z.string().regex(/^[\w:.-]*$/).default('boxoffice:'),
  AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').default('dev-only-secret-change-me-in-production!'),
  QUEUE_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SEED_DEMO: bool.default(true),
  SEAT_HOLD_SECONDS: int(1).default(300),
  MAX_HOLDS_PER_USER: int(1).default(4),
  QUEUE_MAX_ACTIVE: int(1).default(100),
  QUEUE_ACTIVE_SECONDS: int(1).default(600),
  QUEUE_ADMIT_INTERVAL_MS: int(10).default(1000),
  QUEUE_IDLE_SECONDS: int(1).default(120),
  QUEUE_RESTORE_GRACE_SECONDS: int(0).default(5),
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
  EXPLORER: bool.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_TIMEOUT_MS: int(100).default(8000),
});

export type Config = z.infer<typeof schema> & {
  /** Secret that signs queue tokens; derived from the identity secret unless given. */
  QUEUE_TOKEN_SECRET: string;
  /** Whether GET /graphql serves the explorer (always outside production, opt-in inside). */
  EXPLORER: boolean;
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
  if (c.NODE_ENV === 'production' && c.AUTH_JWT_SECRET === schema.shape.AUTH_JWT_SECRET.parse(undefined)) {
    throw new ConfigError(['AUTH_JWT_SECRET: must be set in production (the default is public)']);
  }
  return {
    ...c,
    QUEUE_TOKEN_SECRET: c.QUEUE_TOKEN_SECRET ?? `queue-token:${c.AUTH_JWT_SECRET}`,
    EXPLORER: c.EXPLORER ?? c.NODE_ENV !== 'production',
  };
}
