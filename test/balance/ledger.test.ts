import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BalanceDocument, BalanceHistoryDocument, ChargeBalanceDocument } from '../generated/graphql.js';
import { findInconsistencies } from '../../src/consistency.js';
import { errorCode, gql } from '../support/graphql.js';
import { identityToken, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ CHARGE_MAX: '1000000' });
});
afterAll(() => server.stop());

const newUser = async () => ({ token: await identityToken(server, randomUUID()) });
const balanceOf = async (caller: { token: string }) => (await gql(server.url, BalanceDocument, {}, caller)).data!.balance.amount;
const ledgerSize = async (caller: { token: string }) => (await gql(server.url, BalanceHistoryDocument, { first: 100 }, caller)).data!.balanceHistory.length;

describe('balance ledger', () => {
  it('starts at zero with an empty history', async () => {
    const caller = await newUser();
    expect(await balanceOf(caller)).toBe(0);
    expect(await ledgerSize(caller)).toBe(0);
  });

  it('records every charge as a CHARGE entry whose balanceAfter is the new balance', async () => {
    const caller = await newUser();
    const first = await gql(server.url, ChargeBalanceDocument, { amount: 30_000 }, caller);
    const second = await gql(server.url, ChargeBalanceDocument, { amount: 12_345 }, caller);
    expect(first.data!.chargeBalance).toMatchObject({ kind: 'CHARGE', amount: 30_000, balanceAfter: 30_000 });
    expect(second.data!.chargeBalance).toMatchObject({ kind: 'CHARGE', amount: 12_345, balanceAfter: 42_345 });
    expect(await balanceOf(caller)).toBe(42_345);
    const history = (await gql(server.url, BalanceHistoryDocument, { first: 20 }, caller)).data!.balanceHistory;
    expect(history.map((e) => e.id)).toEqual([second.data!.chargeBalance.id, first.data!.chargeBalance.id]);
  });

  it('is per caller: one user never sees or changes another user\'s balance', async () => {
    const alice = await newUser();
    const bob = await newUser();
    await gql(server.url, ChargeBalanceDocument, { amount: 5_000 }, alice);
    expect(await balanceOf(bob)).toBe(0);
    expect(await ledgerSize(bob)).toBe(0);
  });

  it.each([
    ['zero', 0],
    ['a negative amount', -500],
    ['more than CHARGE_MAX', 1_000_001],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_what, amount) => {
    const caller = await newUser();
    await gql(server.url, ChargeBalanceDocument, { amount: 1_000 }, caller);
    const r = await gql(server.url, ChargeBalanceDocument, { amount }, caller);
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(await balanceOf(caller)).toBe(1_000);
    expect(await ledgerSize(caller)).toBe(1);
  });

  it('refuses a charge that would take the balance past what GraphQL Int can carry', async () => {
    const caller = await newUser();
    // 2,147 charges of the maximum reach 2,147,000,000; the next would pass 2,147,483,647.
    const userId = (await gql(server.url, BalanceDocument, {}, caller)).data!.balance.userId;
    await server.app.orm.em.getConnection().execute(
      `with e as (insert into balance_entry (user_id, kind, amount, balance_after) values (?, 'CHARGE', 2147000000, 2147000000) returning user_id)
       update app_user set balance = 2147000000 where id = (select user_id from e)`,
      [userId],
    );
    const r = await gql(server.url, ChargeBalanceDocument, { amount: 1_000_000 }, caller);
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(await balanceOf(caller)).toBe(2_147_000_000);
    expect((await gql(server.url, ChargeBalanceDocument, { amount: 483_647 }, caller)).data!.chargeBalance.balanceAfter).toBe(2_147_483_647);
  });

  it('requires identity', async () => {
    expect(errorCode(await gql(server.url, BalanceDocument, {}))).toBe('UNAUTHENTICATED');
    expect(errorCode(await gql(server.url, ChargeBalanceDocument, { amount: 1 }))).toBe('UNAUTHENTICATED');
  });

  it('bounds balanceHistory(first) to 1..100', async () => {
    const caller = await newUser();
    expect(errorCode(await gql(server.url, BalanceHistoryDocument, { first: 0 }, caller))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(server.url, BalanceHistoryDocument, { first: 101 }, caller))).toBe('BAD_USER_INPUT');
  });

  it('loses no charge among 100 concurrent charges of one user', async () => {
    const caller = await newUser();
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => gql(server.url, ChargeBalanceDocument, { amount: 1_000 + i }, caller)));
    expect(results.filter((r) => r.errors)).toEqual([]);
    const expected = Array.from({ length: 100 }, (_, i) => 1_000 + i).reduce((a, b) => a + b, 0);
    expect(await balanceOf(caller)).toBe(expected);
    // Each entry's balanceAfter is distinct: every charge saw the one before it.
    expect(new Set(results.map((r) => r.data!.chargeBalance.balanceAfter)).size).toBe(100);
    const { userId } = (await gql(server.url, BalanceDocument, {}, caller)).data!.balance;
    expect(await findInconsistencies(server.app.orm.em, { userIds: [userId] })).toEqual([]);
  });
});
