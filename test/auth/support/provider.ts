import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SigningKey {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** As the provider publishes it. */
  jwk: JWK;
}

/** A new key pair of the provider's, not yet published. */
export async function signingKey(alg: SigningKey['alg']): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const kid = `${alg}-${randomUUID().slice(0, 8)}`;
  return { kid, alg, privateKey, publicKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A stand-in identity provider: publishes its keys as a JWKS on 127.0.0.1 (node:http) and signs
 * tokens with them, as Keycloak or Auth0 would. It counts the JWKS fetches it answers, and can be
 * made to hang (accept and never answer) or be stopped (connections refused).
 */
export class TestProvider {
  readonly issuer = `https://id.test.example/realms/${randomUUID().slice(0, 8)}`;
  readonly audience = 'boxoffice';
  /** JWKS requests answered. */
  fetches = 0;
  /** `hang`: accept JWKS requests and never answer them. */
  mode: 'up' | 'hang' = 'up';

  private constructor(
    /** The keys the JWKS lists now. */
    public published: SigningKey[],
    private readonly server: Server,
    readonly jwksUrl: string,
  ) {}

  static async start(published: SigningKey[]): Promise<TestProvider> {
    let provider: TestProvider | undefined;
    const server = createServer((req, res) => {
      if (provider!.mode === 'hang') return;
      provider!.fetches += 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: provider!.published.map((k) => k.jwk) }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    provider = new TestProvider(published, server, `http://127.0.0.1:${port}/realms/test/protocol/openid-connect/certs`);
    return provider;
  }

  /** The settings that point a boxoffice server at this provider. */
  env(overrides: Record<string, string> = {}): Record<string, string> {
    return { AUTH_JWKS_URL: this.jwksUrl, AUTH_ISSUER: this.issuer, AUTH_AUDIENCE: this.audience, ...overrides };
  }

  /**
   * A token signed with `key` (the first published key by default): issuer, audience, a random
   * subject, issued now, valid 5 minutes and a unique `jti`, so no two tokens are the same string.
   * `claims` override these; an `undefined` claim is left out.
   */
  async token(claims: JWTPayload = {}, key: SigningKey = this.published[0]): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const payload = Object.fromEntries(
      Object.entries({ iss: this.issuer, aud: this.audience, sub: randomUUID(), iat: now, exp: now + 300, jti: randomUUID(), ...claims }).filter(([, v]) => v !== undefined),
    );
    return new SignJWT(payload).setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' }).sign(key.privateKey);
  }

  /** An unsigned token (`alg: none`) with the provider's usual claims. */
  unsignedToken(claims: JWTPayload = {}): string {
    const now = Math.floor(Date.now() / 1000);
    return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss: this.issuer, aud: this.audience, sub: randomUUID(), iat: now, exp: now + 300, ...claims })}.`;
  }

  /**
   * The algorithm-confusion forgery: HS256 "signed" with the provider's public key (its PEM, which
   * anyone can fetch) as the HMAC secret, under that key's kid.
   */
  async publicKeyAsHmacToken(key: SigningKey = this.published[0]): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const secret = new TextEncoder().encode(await exportSPKI(key.publicKey));
    return new SignJWT({ iss: this.issuer, aud: this.audience, sub: randomUUID(), iat: now, exp: now + 300 })
      .setProtectedHeader({ alg: 'HS256', kid: key.kid, typ: 'JWT' })
      .sign(secret);
  }

  /** Back up after hanging, as a restarted provider: hanging requests are cut, new ones answered. */
  recover(): void {
    this.server.closeAllConnections();
    this.mode = 'up';
  }

  /** Stops answering: the port refuses connections from now on, hanging requests are cut. */
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
