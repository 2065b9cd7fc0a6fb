import { fail } from '../errors.js';
import { Hs256Key, TokenError, TokenFault } from '../auth/hs256.js';
import { VerifiedTokens } from '../auth/verified-tokens.js';
import { processClock, type Clock } from './clock.js';

/** What a queue token carries. Its status is never in the token: that lives in Redis. */
export interface QueueTokenClaims {
  tokenId: string;
  userId: string;
  concertId: string;
  /** Place in line: the ticket's sequence number (lower goes first). */
  seq: number;
  /** When the ticket was issued (ms since epoch). */
  issuedAt: number;
  /** The Redis lifetime of the line the ticket was issued in; tells a lost line from an ended ticket. */
  epoch: string;
}

/**
 * Signs and verifies queue tokens (JWT, HS256). Signing is deterministic for the same ticket, so
 * any server process re-issues the very same token string from the ticket stored in Redis.
 */
export class QueueTokenSigner {
  private readonly key: Hs256Key;
  private readonly verified = new VerifiedTokens<QueueTokenClaims>();

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
    /** Checks each token's signed lifetime (its issue time is Redis time). */
    private readonly clock: Clock = processClock(),
  ) {
    this.key = new Hs256Key(secret);
  }

  sign(c: QueueTokenClaims): string {
    const iat = Math.floor(c.issuedAt / 1000);
    // Claims in a fixed order: the same ticket always gives the same string.
    return this.key.sign({ typ: 'queue', cid: c.concertId, seq: c.seq, iatMs: c.issuedAt, ep: c.epoch, jti: c.tokenId, sub: c.userId, iat, exp: iat + this.ttlSeconds });
  }

  /** QUEUE_TOKEN_INVALID unless the token is one this server signed and has not expired. */
  verify(token: string | null): QueueTokenClaims {
    if (!token) throw fail.queueTokenMissing();
    const now = this.clock.now();
    const known = this.verified.get(token);
    if (known) return known;
    let p;
    try {
      p = this.key.verify(token, now);
    } catch (e) {
      if (e instanceof TokenError) throw fail.queueTokenInvalid(e.fault === TokenFault.Expired ? 'expired' : 'signature or format');
      throw e;
    }
    if (p.typ !== 'queue' || typeof p.jti !== 'string' || typeof p.sub !== 'string' || typeof p.cid !== 'string' || typeof p.seq !== 'number' || typeof p.iatMs !== 'number' || typeof p.ep !== 'string') {
      throw fail.queueTokenInvalid('not a queue token');
    }
    const claims = { tokenId: p.jti, userId: p.sub, concertId: p.cid, seq: p.seq, issuedAt: p.iatMs, epoch: p.ep };
    this.verified.set(token, claims, p.exp as number, now);
    return claims;
  }
}
