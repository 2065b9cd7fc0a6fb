import { DomainError, ErrorCode } from '../errors.js';
import type { Context } from '../context.js';
import type { Redis } from '../redis.js';
import { callerRateKey } from './keys.js';
import { luaScript } from './lua.js';

export interface RateLimitSettings {
  /** Sustained operations per second per user; 0 turns the limit off. */
  perSecond: number;
  /** Operations a user may send at once before the sustained rate applies. */
  burst: number;
}

interface RateCommands {
  rateTake(key: string, intervalMs: number, burst: number): Promise<number>;
}

/**
 * Every GraphQL operation of a signed-in user (HTTP, or subscribe over WebSocket) takes one unit
 * of that user's budget, kept in Redis so the limit holds across server processes. Over budget:
 * RATE_LIMITED with `retryAfterSeconds` (and HTTP 429 with `Retry-After`). Callers without a
 * valid identity are not counted here: they get UNAUTHENTICATED from the operation itself.
 */
export class RateLimiter {
  private readonly commands: RateCommands;

  constructor(
    redis: Redis,
    readonly settings: RateLimitSettings,
  ) {
    redis.defineCommand('rateTake', { numberOfKeys: 1, lua: luaScript('rate') });
    this.commands = redis as unknown as RateCommands;
  }

  async take(userId: string): Promise<void> {
    const { perSecond, burst } = this.settings;
    if (perSecond <= 0) return;
    let waitMs: number;
    try {
      waitMs = await this.commands.rateTake(callerRateKey(userId), 1000 / perSecond, burst);
    } catch {
      // Redis unreachable: the limit fails open. Operations that need Redis report it themselves;
      // the rest (concerts, balance) keep working on PostgreSQL alone.
      return;
    }
    if (waitMs > 0) {
      const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
      throw new DomainError(ErrorCode.RATE_LIMITED, `Too many requests; retry in ${retryAfterSeconds} s`, {
        retryAfterSeconds,
        // Read by Apollo Server for the HTTP status and headers; not sent in the body.
        http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
      });
    }
  }
}

/**
 * Counts one operation against its caller, if the caller has a valid identity. Run once per
 * operation, before execution: by an Apollo plugin over HTTP and graphql-ws's `onSubscribe`.
 */
export async function limitOperation(ctx: Context): Promise<void> {
  let userId: string;
  try {
    userId = await ctx.requireUser();
  } catch {
    return;
  }
  await ctx.app.rateLimiter.take(userId);
}
