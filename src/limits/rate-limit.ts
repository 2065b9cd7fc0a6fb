import { fail } from '../errors.js';
import type { Redis } from '../redis.js';
import { luaScript } from '../lua.js';

export interface RateLimitSettings {
  /** Sustained operations per second per caller; 0 turns the limit off. */
  perSecond: number;
  /** Operations a caller may send at once before the sustained rate applies. */
  burst: number;
}

/** STRING: a caller's request budget, one slot per caller. */
export const callerRateKey = (callerId: string) => `rate:{user:${callerId}}`;

interface RateCommands {
  rateTake(key: string, intervalMs: number, burst: number): Promise<number>;
}

/**
 * A per-caller budget of operations, kept in Redis (GCRA in one Lua script on Redis's clock) so
 * the limit holds across server processes. Over budget: RATE_LIMITED with `retryAfterSeconds`.
 */
export class RateLimiter {
  private readonly commands: RateCommands;

  constructor(
    redis: Redis,
    readonly settings: RateLimitSettings,
  ) {
    redis.defineCommand('rateTake', { numberOfKeys: 1, lua: luaScript('limits/rate') });
    this.commands = redis as unknown as RateCommands;
  }

  async take(callerId: string): Promise<void> {
    const { perSecond, burst } = this.settings;
    if (perSecond <= 0) return;
    let waitMs: number;
    try {
      waitMs = await this.commands.rateTake(callerRateKey(callerId), 1000 / perSecond, burst);
    } catch {
      // Redis unreachable: the limit fails open. Operations that need Redis report it themselves;
      // the rest (concerts, balance) keep working on PostgreSQL alone.
      return;
    }
    if (waitMs > 0) throw fail.rateLimited(Math.max(1, Math.ceil(waitMs / 1000)));
  }
}
