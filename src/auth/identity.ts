import { decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import type { Config } from '../config.js';
import { fail } from '../errors.js';
import type { Logger } from '../logger.js';
import { parseUuid } from '../uuid.js';
import { claimAt, rolesOf, subjectOf, userIdOf } from './claims.js';
import { Hs256Key, TokenError, TokenFault } from './hs256.js';
import { ProviderKeys } from './provider-keys.js';
import { VerifiedTokens } from './verified-tokens.js';

/** The roles boxoffice gives a meaning to. */
export enum Role {
  /** Runs waiting rooms (API.md, "Operating a waiting room"). */
  Operator = 'operator',
}

/** Who is calling, as their identity JWT says. */
export interface Identity {
  /** The boxoffice user id (a UUID). */
  userId: string;
  roles: readonly string[];
  /** The token's `exp` in ms since the epoch; null if it has none. */
  expiresAt: number | null;
  /** The provider that vouched for the caller (`iss`); null for a token signed with AUTH_JWT_SECRET. */
  issuer: string | null;
  /** The provider's name for the user (its AUTH_USER_CLAIM); the user id for AUTH_JWT_SECRET tokens. */
  subject: string;
}

export type IdentityConfig = Pick<
  Config,
  'AUTH_JWT_SECRET' | 'AUTH_HS256' | 'AUTH_JWKS_URL' | 'AUTH_ISSUER' | 'AUTH_AUDIENCE' | 'AUTH_ALGORITHMS' | 'AUTH_USER_CLAIM' | 'AUTH_ROLES_CLAIM' | 'AUTH_JWKS_COOLDOWN_MS' | 'AUTH_JWKS_MAX_AGE_MS'
>;

export interface SignOptions {
  /** Put in the token's `roles` claim (`[Role.Operator]` for an operator). */
  roles?: readonly string[];
  /** A span ('12h', '30m', '5s'), or the end as epoch seconds or a Date. Default 12 hours. */
  expiresIn?: string | number | Date;
}

/**
 * Verifies identity JWTs: those of the identity provider against its published keys
 * (AUTH_JWKS_URL, with issuer, audience and algorithms from the configuration), and HS256 ones
 * signed with AUTH_JWT_SECRET where those are accepted (AUTH_HS256: development and tests).
 */
export class IdentityVerifier {
  private readonly secretKey: Hs256Key;
  private readonly provider: ProviderKeys | null;
  private readonly verified = new VerifiedTokens<Identity>();

  constructor(
    private readonly config: IdentityConfig,
    log: Logger,
  ) {
    this.secretKey = new Hs256Key(config.AUTH_JWT_SECRET);
    this.provider = config.AUTH_JWKS_URL
      ? new ProviderKeys({ url: new URL(config.AUTH_JWKS_URL), cooldownMs: config.AUTH_JWKS_COOLDOWN_MS, maxAgeMs: config.AUTH_JWKS_MAX_AGE_MS }, log)
      : null;
  }

  /**
   * Accepts `Bearer <jwt>` (or a bare JWT, as WebSocket clients often send) and returns the
   * caller's identity; a token that does not verify is UNAUTHENTICATED with a reason a developer
   * can act on, a provider that cannot be reached for its keys SERVICE_UNAVAILABLE.
   */
  async verify(authorization: unknown): Promise<Identity> {
    if (typeof authorization !== 'string' || authorization.trim() === '') throw fail.unauthenticated('missing Authorization: Bearer <JWT>');
    const token = authorization.replace(/^Bearer\s+/i, '').trim();
    const known = this.verified.get(token);
    if (known) return known;
    try {
      const { payload, identity } = this.signedWithSecret(token) ? this.verifySecretToken(token) : await this.verifyProviderToken(token);
      this.verified.set(token, identity, payload.exp);
      return identity;
    } catch (e) {
      if (e instanceof errors.JWTExpired || (e instanceof TokenError && e.fault === TokenFault.Expired)) throw fail.unauthenticated('the token has expired');
      if (e instanceof TokenError) throw fail.unauthenticated(`invalid token (${e.fault})`);
      if (e instanceof errors.JWTClaimValidationFailed) throw fail.unauthenticated(`invalid token: ${e.message}`);
      if (e instanceof errors.JOSEError) throw fail.unauthenticated(`invalid token (${e.code})`);
      throw e;
    }
  }

  /** Signs an HS256 identity token; used by `npm run token`, the explorer's demo user and tests. */
  async sign(userId: string, options: SignOptions = {}): Promise<string> {
    const iat = Math.floor(Date.now() / 1000);
    const claims = { ...(options.roles?.length ? { roles: [...options.roles] } : {}), sub: userId, iat, exp: expirySeconds(options.expiresIn ?? '12h', iat) };
    return this.secretKey.sign(claims, { alg: 'HS256', typ: 'JWT' });
  }

  /**
   * Which key checks the token: AUTH_JWT_SECRET for an HS256 token where those are accepted, the
   * provider's keys for everything else. The provider path allows only public-key algorithms,
   * so an HS256 token "signed" with the provider's public key never meets that key.
   */
  private signedWithSecret(token: string): boolean {
    if (!this.provider) return true;
    if (!this.config.AUTH_HS256) return false;
    try {
      return decodeProtectedHeader(token).alg === 'HS256';
    } catch {
      throw fail.unauthenticated('malformed token');
    }
  }

  /** Our own tokens: `sub` is the user's UUID, `roles` the roles. */
  private verifySecretToken(token: string): { payload: JWTPayload; identity: Identity } {
    const payload = this.secretKey.verify(token, Date.now()) as JWTPayload;
    const userId = parseUuid(payload.sub);
    if (!userId) throw fail.unauthenticated('the token subject (sub) must be a UUID');
    return { payload, identity: { userId, roles: rolesOf(payload.roles), expiresAt: expiresAt(payload), issuer: null, subject: userId } };
  }

  /** The provider's tokens: subject and roles from the configured claims. */
  private async verifyProviderToken(token: string): Promise<{ payload: JWTPayload; identity: Identity }> {
    const { payload } = await jwtVerify(token, this.provider!.getKey, {
      algorithms: this.config.AUTH_ALGORITHMS,
      issuer: this.config.AUTH_ISSUER,
      audience: this.config.AUTH_AUDIENCE,
      // A provider's token without an end would be good forever.
      requiredClaims: ['exp'],
    });
    const claim = this.config.AUTH_USER_CLAIM;
    const subject = subjectOf(claimAt(payload, claim));
    if (!subject) throw fail.unauthenticated(`the token's "${claim}" claim must name the user (a string of 1 to 255 characters)`);
    const issuer = payload.iss ?? null;
    return {
      payload,
      identity: { userId: userIdOf(issuer, subject), roles: rolesOf(claimAt(payload, this.config.AUTH_ROLES_CLAIM)), expiresAt: expiresAt(payload), issuer, subject },
    };
  }
}

const SPAN_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `SignOptions.expiresIn` as epoch seconds. */
function expirySeconds(expiresIn: string | number | Date, iat: number): number {
  if (expiresIn instanceof Date) return Math.floor(expiresIn.getTime() / 1000);
  if (typeof expiresIn === 'number') return expiresIn;
  const span = /^(\d+)\s*([smhd])$/.exec(expiresIn);
  if (!span) throw new Error(`expiresIn must be a span such as '12h', '30m' or '5s', not ${JSON.stringify(expiresIn)}`);
  return iat + Number(span[1]) * SPAN_SECONDS[span[2]];
}

const expiresAt = (payload: JWTPayload): number | null => (payload.exp === undefined ? null : payload.exp * 1000);
