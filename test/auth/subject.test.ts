import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseUuid } from '../../src/uuid.js';
import { BalanceDocument } from '../generated/graphql.js';
import { errorCode, gql } from '../support/graphql.js';
import { spawnServer, type ServerProcess } from '../support/process.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { signingKey, TestProvider } from './support/provider.js';

let provider: TestProvider;
let server: TestServer;
let other: ServerProcess;
let byOid: TestServer;
beforeAll(async () => {
  provider = await TestProvider.start([await signingKey('RS256')]);
  server = await startTestServer(provider.env());
  other = await spawnServer(provider.env());
  byOid = await startTestServer(provider.env({ AUTH_USER_CLAIM: 'oid' }));
});
afterAll(async () => {
  await other?.stop();
  await server?.stop();
  await byOid?.stop();
  await provider?.stop();
});

const userIdAt = async (url: string, token: string) => {
  const result = await gql(url, BalanceDocument, {}, { token });
  expect(result.errors).toBeUndefined();
  return result.data!.balance.userId;
};

describe('the user id of a provider subject', () => {
  it('a subject that is no UUID maps to one user id on every call and in every process, and that user is provisioned', async () => {
    const subject = `auth0|${randomUUID().replaceAll('-', '').slice(0, 24)}`;
    // A new token each time (a new jti), so nothing is answered from a cache of verified tokens.
    const ids = [
      await userIdAt(server.url, await provider.token({ sub: subject })),
      await userIdAt(server.url, await provider.token({ sub: subject })),
      await userIdAt(other.url, await provider.token({ sub: subject })),
    ];
    expect(parseUuid(ids[0])).toBe(ids[0]);
    expect(new Set(ids).size).toBe(1);

    const rows = await server.app.orm.em.getConnection().execute<{ issuer: string; subject: string }[]>('select issuer, subject from app_user where id = ?', [ids[0]]);
    // Provisioned once, keeping the provider's own names for the user.
    expect(rows).toEqual([{ issuer: provider.issuer, subject }]);

    const someoneElse = await userIdAt(server.url, await provider.token({ sub: `${subject}x` }));
    expect(someoneElse).not.toBe(ids[0]);
  });

  it('AUTH_USER_CLAIM chooses the claim that names the user', async () => {
    const oid = `oid-${randomUUID()}`;
    const first = await userIdAt(byOid.url, await provider.token({ sub: 'session-1', oid }));
    expect(await userIdAt(byOid.url, await provider.token({ sub: 'session-2', oid }))).toBe(first);
    expect(await userIdAt(byOid.url, await provider.token({ sub: 'session-1', oid: `${oid}x` }))).not.toBe(first);

    const without = await gql(byOid.url, BalanceDocument, {}, { token: await provider.token({ sub: 'session-1' }) });
    expect(errorCode(without)).toBe('UNAUTHENTICATED');
    expect(without.errors![0].message).toMatch(/"oid" claim/);
  });
});
