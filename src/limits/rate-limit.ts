import { fail } from '../errors.js';
import { luaScript } from '../lua.js';
import type { Redis } from '../redis.js';

export interface Budget {
  /** Sustained operations per second; 0 turns the limit off. */
  perSecond: number;
  /** Operations that may come at once before the sustained rate applies. */
  burst: number;
}

export interface RateLimitSettings {
  /** Per signed-in user, across all processes. */
  user: Budget;
  /** Per client address, for callers without a valid identity and for new WebSocket connections. */
  address: Budget;
}

/** STRING: a caller's budget (GCRA's theoretical arrival time), one slot per caller. */
export const callerRateKey = (callerId: string) => `rate:{user:${callerId}}`;
export const addressRateKey = (address: string) => `rate:{ip:${address}}`;

interface RateCommands {
  rateTake(key: string, intervalMs: number, burst: number): Promise<number>;
}

/**
 * Budgets of operations kept in Redis (GCRA in one Lua script on Redis's clock), so a limit holds
 * across server processes: one per signed-in user, one per client address for everyone without a
 * valid identity (an anonymous flood costs its sender, not the fans). Over budget: RATE_LIMITED
 * with `retryAfterSeconds`.
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

  /** One operation of a signed-in user. */
  takeUser(userId: string): Promise<void> {
    return this.take(callerRateKey(userId), this.settings.user);
  }

  /** One operation (or WebSocket connection) from an address without a valid identity. */
  takeAddress(address: string): Promise<void> {
    return this.take(addressRateKey(address), this.settings.address);
  }

  private async take(key: string, { perSecond, burst }: Budget): Promise<void> {
    if (perSecond <= 0) return;
    let waitMs: number;
    try {
      waitMs = await this.commands.rateTake(key, 1000 / perSecond, burst);
    } catch {
      // Redis unreachable: the limit fails open. Operations that need Redis report it themselves;
      // the rest (concerts, balance) keep working on PostgreSQL alone.
      return;
    }
    if (waitMs > 0) throw fail.rateLimited(Math.max(1, Math.ceil(waitMs / 1000)));
  }
}
