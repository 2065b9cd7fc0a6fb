import { jwtVerify, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { Hs256Key, TokenFault } from '../../src/auth/hs256.js';

const SECRET = 'a-test-secret-a-test-secret-a-test-secret';
const key = new Hs256Key(SECRET);
const now = Date.now();
const seconds = Math.floor(now / 1000);
const joseKey = new TextEncoder().encode(SECRET);
const b64 = (json: object) => Buffer.from(JSON.stringify(json)).toString('base64url');

const faultOf = (token: string, at = now): TokenFault | 'accepted' => {
  try {
    key.verify(token, at);
    return 'accepted';
  } catch (e) {
    return (e as { fault: TokenFault }).fault;
  }
};

describe('HS256 tokens (queue tokens, development identities)', () => {
  it('are standard JWTs: jose verifies ours and we verify jose\'s', async () => {
    const ours = key.sign({ sub: 'u1', iat: seconds, exp: seconds + 60 }, { alg: 'HS256', typ: 'JWT' });
    expect((await jwtVerify(ours, joseKey, { algorithms: ['HS256'] })).payload.sub).toBe('u1');
    const theirs = await new SignJWT({ roles: ['operator'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('u2').setIssuedAt().setExpirationTime('1h').sign(joseKey);
    expect(key.verify(theirs, now)).toMatchObject({ sub: 'u2', roles: ['operator'] });
  });

  it('are refused when signed with another secret, or when any part was changed', () => {
    const token = key.sign({ sub: 'u1', exp: seconds + 60 });
    const [header, payload, signature] = token.split('.');
    expect(faultOf(new Hs256Key(`${SECRET}-other`).sign({ sub: 'u1', exp: seconds + 60 }))).toBe(TokenFault.Signature);
    expect(faultOf(`${header}.${b64({ sub: 'u2', exp: seconds + 60 })}.${signature}`)).toBe(TokenFault.Signature);
    expect(faultOf(`${header}.${payload}.${signature.slice(0, -2)}`)).toBe(TokenFault.Signature);
    // The same signature bytes in another base64 spelling (padding) is not the token we issued.
    expect(faultOf(`${header}.${payload}.${Buffer.from(signature, 'base64url').toString('base64')}`)).toBe(TokenFault.Signature);
    expect(faultOf(`${header}.${payload}`)).toBe(TokenFault.Malformed);
    expect(faultOf(`${token}.x`)).toBe(TokenFault.Malformed);
    expect(faultOf(`!!.${payload}.${signature}`)).toBe(TokenFault.Malformed);
  });

  it('name HS256 and nothing else in the header: alg none, another algorithm or critical extensions are refused', () => {
    const payload = b64({ sub: 'u1', exp: seconds + 60 });
    expect(faultOf(`${b64({ alg: 'none' })}.${payload}.`)).toBe(TokenFault.Algorithm);
    expect(faultOf(`${b64({ alg: 'RS256' })}.${payload}.x`)).toBe(TokenFault.Algorithm);
    expect(faultOf(key.sign({ sub: 'u1' }, { alg: 'HS256', crit: ['b64'], b64: false }))).toBe(TokenFault.Algorithm);
  });

  it('hold only between nbf and exp, in whole seconds as jose counts them', () => {
    const token = key.sign({ sub: 'u1', nbf: seconds + 10, exp: seconds + 20 });
    expect(faultOf(token, (seconds + 9) * 1000)).toBe(TokenFault.NotYetValid);
    expect(faultOf(token, (seconds + 10) * 1000)).toBe('accepted');
    expect(faultOf(token, (seconds + 19) * 1000 + 999)).toBe('accepted');
    expect(faultOf(token, (seconds + 20) * 1000)).toBe(TokenFault.Expired);
    expect(faultOf(key.sign({ sub: 'u1', exp: String(seconds + 60) }))).toBe(TokenFault.Malformed);
  });
});
