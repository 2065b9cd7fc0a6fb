/**
 * Remembers tokens whose signature already checked out, until they expire. A client sends the
 * same token with every request, and an HMAC through WebCrypto (async, on the thread pool) cost
 * more than the rest of a gated read in the booking bench. Keyed by the whole token string, so
 * a changed byte is a miss and gets the full check. Bounded: cleared when full.
 */
export class VerifiedTokens<T> {
  private readonly entries = new Map<string, { value: T; until: number }>();

  constructor(
    private readonly maxEntries = 50_000,
    /** Re-check at least this often, even for a token without `exp`. */
    private readonly maxAgeMs = 10 * 60_000,
  ) {}

  get(token: string, now = Date.now()): T | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.until <= now) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.value;
  }

  /** `expSeconds`: the JWT's `exp` claim, if any. */
  set(token: string, value: T, expSeconds: number | undefined, now = Date.now()): void {
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(token, { value, until: Math.min(now + this.maxAgeMs, expSeconds === undefined ? Infinity : expSeconds * 1000) });
  }
}
