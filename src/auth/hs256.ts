import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';

/** Why an HS256 token was refused. */
export enum TokenFault {
  /** Not three base64url parts of JSON objects, or a claim of the wrong type. */
  Malformed = 'malformed',
  /** The header names another algorithm, or extensions (`crit`) this verifier does not know. */
  Algorithm = 'algorithm',
  /** Not signed with this key. */
  Signature = 'signature',
  /** `exp` has passed. */
  Expired = 'expired',
  /** `nbf` is still ahead. */
  NotYetValid = 'not yet valid',
}

export class TokenError extends Error {
  constructor(readonly fault: TokenFault) {
    super(`token refused: ${fault}`);
  }
}

/** A JWT's claims as JSON gave them. */
export type Claims = Record<string, unknown>;

const encode = (json: object) => Buffer.from(JSON.stringify(json)).toString('base64url');

function decode(part: string): Claims {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw new TokenError(TokenFault.Malformed);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TokenError(TokenFault.Malformed);
  return value as Claims;
}

/**
 * HS256 JWTs (compact JWS) signed and checked with node:crypto, for the tokens boxoffice both
 * issues and accepts: queue tokens, and development identity tokens (AUTH_JWT_SECRET). jose 6
 * computes HMACs only through WebCrypto, an async job on the thread pool: about 60 µs per sign or
 * verify in the profile of issueQueueToken (a new identity and a new queue token each call),
 * against a few µs here. The identity provider's tokens (public-key algorithms, JWKS) stay with
 * jose. The checks are jose's for HS256: the header's `alg`, the signature (compared in constant
 * time, as the exact base64url string this key makes, so no second encoding of one signature
 * passes), `exp` and `nbf` against `now` in whole seconds, and numeric `exp`, `nbf` and `iat`.
 */
export class Hs256Key {
  private readonly key: KeyObject;

  constructor(secret: string) {
    this.key = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  sign(claims: Claims, header: Claims = { alg: 'HS256' }): string {
    const input = `${encode(header)}.${encode(claims)}`;
    return `${input}.${this.mac(input)}`;
  }

  /** The claims of a token this key signed, still valid at `nowMs`; else a TokenError. */
  verify(token: string, nowMs: number): Claims {
    const dot1 = token.indexOf('.');
    const dot2 = token.indexOf('.', dot1 + 1);
    if (dot1 <= 0 || dot2 < 0 || token.indexOf('.', dot2 + 1) >= 0) throw new TokenError(TokenFault.Malformed);
    const header = decode(token.slice(0, dot1));
    if (header.alg !== 'HS256' || header.crit !== undefined) throw new TokenError(TokenFault.Algorithm);
    const given = Buffer.from(token.slice(dot2 + 1));
    const expected = Buffer.from(this.mac(token.slice(0, dot2)));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new TokenError(TokenFault.Signature);
    const claims = decode(token.slice(dot1 + 1, dot2));
    for (const name of ['exp', 'nbf', 'iat']) {
      if (claims[name] !== undefined && typeof claims[name] !== 'number') throw new TokenError(TokenFault.Malformed);
    }
    const now = Math.floor(nowMs / 1000);
    if (claims.exp !== undefined && (claims.exp as number) <= now) throw new TokenError(TokenFault.Expired);
    if (claims.nbf !== undefined && (claims.nbf as number) > now) throw new TokenError(TokenFault.NotYetValid);
    return claims;
  }

  private mac(input: string): string {
    return createHmac('sha256', this.key).update(input).digest('base64url');
  }
}
