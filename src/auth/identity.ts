import { errors, jwtVerify, SignJWT } from 'jose';
import { fail } from '../errors.js';
import { parseUuid } from '../uuid.js';
import { hmacKey, type HmacKey } from './hmac-key.js';
import { VerifiedTokens } from './verified-tokens.js';


/** Verifies identity JWTs (HS256) and returns the caller's user id (`sub`, a UUID). */
export class IdentityVerifier {
  private readonly key: Promise<HmacKey>;
  private readonly verified = new VerifiedTokens<string>();

  constructor(secret: string) {
    this.key = hmacKey(secret);
  }

  /**
   * Accepts `Bearer <jwt>` (or a bare JWT, as WebSocket clients often send) and returns the
   * user id; every failure is UNAUTHENTICATED with a reason a developer can act on.
   */
  async verify(authorization: unknown): Promise<string> {
    if (typeof authorization !== 'string' || authorization.trim() === '') throw fail.unauthenticated('missing Authorization: Bearer <JWT>');
    const token = authorization.replace(/^Bearer\s+/i, '').trim();
    const known = this.verified.get(token);
    if (known) return known;
    try {
      const { payload } = await jwtVerify(token, await this.key, { algorithms: ['HS256'] });
      const userId = parseUuid(payload.sub);
      if (!userId) throw fail.unauthenticated('the token subject (sub) must be a UUID');
      this.verified.set(token, userId, payload.exp);
      return userId;
    } catch (e) {
      if (e instanceof errors.JWTExpired) throw fail.unauthenticated('the token has expired');
      if (e instanceof errors.JOSEError) throw fail.unauthenticated(`invalid token (${e.code})`);
      throw e;
    }
  }

  /** Signs an identity token; used by `npm run token`, the explorer's demo user and tests. */
  async sign(userId: string, expiresIn: string | number = '12h'): Promise<string> {
    return new SignJWT({}).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setSubject(userId).setIssuedAt().setExpirationTime(expiresIn).sign(await this.key);
  }
}
