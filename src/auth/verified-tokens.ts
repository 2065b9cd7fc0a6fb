import { LRUCache } from 'lru-cache';

/**
 * Remembers tokens whose signature already checked out, until they expire. A client sends the
 * same token with every request, and an HMAC through WebCrypto (async, on the thread pool) cost
 * more than the rest of a gated read in the booking bench; an RSA or EC verification costs more
 * still. Keyed by the whole token string, so a changed byte is a miss and gets the full check.
 * Bounded: the least recently used token goes first, so a flood of one-off tokens never evicts
 * the fans who keep calling.
 */
export class VerifiedTokens<T extends object> {
  private readonly entries: LRUCache<string, T>;

  constructor(
    maxEntries = 50_000,
    /** Re-check at least this often, even for a token without `exp` (and pick up a rotated key). */
    private readonly maxAgeMs = 10 * 60_000,
  ) {
    this.entries = new LRUCache({ max: maxEntries });
  }

  get(token: string): T | undefined {
    return this.entries.get(token);
  }

  /** `expSeconds`: the JWT's `exp` claim, if any. */
  set(token: string, value: T, expSeconds: number | undefined, now = Date.now()): void {
    const ttl = Math.min(this.maxAgeMs, expSeconds === undefined ? Infinity : expSeconds * 1000 - now);
    if (ttl >= 1) this.entries.set(token, value, { ttl: Math.floor(ttl) });
  }
}
