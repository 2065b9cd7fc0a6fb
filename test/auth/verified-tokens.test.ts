import { describe, expect, it } from 'vitest';
import { VerifiedTokens } from '../../src/auth/verified-tokens.js';

const hour = () => Math.floor(Date.now() / 1000) + 3600;

describe('verified tokens are forgotten least recently used first', () => {
  it('the 50,001st user pushes out the one who has not called for longest, not the first one who keeps calling, nor everyone', () => {
    const tokens = new VerifiedTokens<{ n: number }>();
    for (let n = 0; n < 50_000; n++) tokens.set(`token-${n}`, { n }, hour());
    expect(tokens.get('token-0')).toEqual({ n: 0 });
    tokens.set('token-50000', { n: 50_000 }, hour());
    expect(tokens.get('token-0')).toEqual({ n: 0 });
    expect(tokens.get('token-1')).toBeUndefined();
    for (const n of [2, 25_000, 49_999, 50_000]) expect(tokens.get(`token-${n}`)).toEqual({ n });
  });

  it('an expired token is not kept at all', () => {
    const tokens = new VerifiedTokens<{ n: number }>();
    tokens.set('old', { n: 1 }, Math.floor(Date.now() / 1000) - 1);
    expect(tokens.get('old')).toBeUndefined();
  });
});
