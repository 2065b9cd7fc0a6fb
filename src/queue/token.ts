import { errors, jwtVerify, SignJWT } from 'jose';
import { fail } from '../errors.js';
import { hmacKey, type HmacKey } from '../auth/hmac-key.js';
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
  private readonly key: Promise<HmacKey>;
  private readonly verified = new VerifiedTokens<QueueTokenClaims>();

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
    /** Checks each token's signed lifetime (its issue time is Redis time). */
    private readonly clock: Clock = processClock(),
  ) {
    this.key = hmacKey(secret);
  }

  async sign(c: QueueTokenClaims): Promise<string> {
    const iat = Math.floor(c.issuedAt / 1000);
    return new SignJWT({ typ: 'queue', cid: c.concertId, seq: c.seq, iatMs: c.issuedAt, ep: c.epoch })
      .setProtectedHeader({ alg: 'HS256' })
      .setJti(c.tokenId)
      .setSubject(c.userId)
      .setIssuedAt(iat)
      .setExpirationTime(iat + this.ttlSeconds)
      .sign(await this.key);
  }

  /** QUEUE_TOKEN_INVALID unless the token is one this server signed and has not expired. */
  async verify(token: string | null): Promise<QueueTokenClaims> {
    if (!token) throw fail.queueTokenMissing();
    const now = this.clock.now();
    const known = this.verified.get(token);
    if (known) return known;
    try {
      const { payload: p } = await jwtVerify(token, await this.key, { algorithms: ['HS256'], currentDate: new Date(now) });
      if (p.typ !== 'queue' || typeof p.jti !== 'string' || typeof p.sub !== 'string' || typeof p.cid !== 'string' || typeof p.seq !== 'number' || typeof p.iatMs !== 'number' || typeof p.ep !== 'string') {
        throw fail.queueTokenInvalid('not a queue token');
      }
      const claims = { tokenId: p.jti, userId: p.sub, concertId: p.cid, seq: p.seq, issuedAt: p.iatMs, epoch: p.ep };
      this.verified.set(token, claims, p.exp, now);
      return claims;
    } catch (e) {
      if (e instanceof errors.JWTExpired) throw fail.queueTokenInvalid('expired');
      if (e instanceof errors.JOSEError) throw fail.queueTokenInvalid('signature or format');
      throw e;
    }
  }
}
