import type { GraphQLFormattedError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AvailableSeatsDocument,
  BalanceDocument,
  ChargeBalanceDocument,
  ConcertsDocument,
  IssueQueueTokenDocument,
  MyReservationsDocument,
  PayReservationDocument,
  ReserveSeatDocument,
} from '../generated/graphql.js';
import { charge, hold } from '../support/booking.js';
import { findInconsistencies } from '../../src/consistency.js';
import { createConcert } from '../support/factories.js';
import { fileDatabaseUrl } from '../support/file-database.js';
import { errorCode, gql } from '../support/graphql.js';
import { admittedCaller } from '../support/queue.js';
import { identityToken, startTestServer, type TestServer } from '../support/server.js';
import { TcpProxy } from '../support/tcp-proxy.js';

let server: TestServer;
let proxy: TcpProxy;

beforeAll(async () => {
  const db = new URL(fileDatabaseUrl);
  proxy = await new TcpProxy(db.hostname, Number(db.port || 5432)).start();
  db.host = `127.0.0.1:${proxy.port}`;
  server = await startTestServer({ DATABASE_URL: db.toString(), QUEUE_MAX_ACTIVE: '1000', QUEUE_ADMIT_INTERVAL_MS: '50' });
});
afterAll(async () => {
  await server.stop();
  await proxy.stop();
});

async function eventually<T>(probe: () => Promise<T>, accept: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (accept(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('when PostgreSQL is unreachable', () => {
  it('every operation that needs it answers SERVICE_UNAVAILABLE within 1 s, nothing is half-applied, and all works again once it is back', async () => {
    const concert = await createConcert(server.app, { price: 10_000 });
    const scheduleId = concert.schedules[0].id;
    const fan = await admittedCaller(server, concert.id);
    await charge(server, fan, 100_000);
    const held = await hold(server, fan, scheduleId, 1);

    // Charges and payments in flight while the connection is cut: each either commits whole or
    // not at all.
    const inFlight = [
      ...Array.from({ length: 20 }, () => gql(server.url, ChargeBalanceDocument, { amount: 1_000 }, fan)),
      gql(server.url, PayReservationDocument, { reservationId: held.id, idempotencyKey: 'pay-1' }, fan),
    ];
    await proxy.stop();
    await Promise.all(inFlight);

    const calls: Record<string, () => Promise<{ errors?: readonly GraphQLFormattedError[] }>> = {
      concerts: () => gql(server.url, ConcertsDocument, {}, fan),
      balance: () => gql(server.url, BalanceDocument, {}, fan),
      chargeBalance: () => gql(server.url, ChargeBalanceDocument, { amount: 1_000 }, fan),
      availableSeats: () => gql(server.url, AvailableSeatsDocument, { scheduleId }, fan),
      reserveSeat: () => gql(server.url, ReserveSeatDocument, { scheduleId, seatNumber: 2 }, fan),
      myReservations: () => gql(server.url, MyReservationsDocument, {}, fan),
      // A new user's first call: provisioning writes their row.
      'a new user': async () => gql(server.url, IssueQueueTokenDocument, { concertId: concert.id }, { token: await identityToken(server) }),
    };
    for (const [name, call] of Object.entries(calls)) {
      const started = performance.now();
      const result = await call();
      expect({ name, code: errorCode(result) }).toEqual({ name, code: 'SERVICE_UNAVAILABLE' });
      expect(performance.now() - started).toBeLessThan(1000);
    }
    // The line lives in Redis: a user this process knows keeps their place and may still join the
    // line of a concert it knows (concerts are never deleted).
    const joined = await gql(server.url, IssueQueueTokenDocument, { concertId: concert.id }, fan);
    expect(joined.errors).toBeUndefined();
    // (ACTIVE still, or WAITING in a new ticket if the payment in flight committed and completed it.)
    expect(['ACTIVE', 'WAITING']).toContain(joined.data!.issueQueueToken.status);
    expect((await fetch(`http://127.0.0.1:${server.port}/readyz`)).status).toBe(503);

    await proxy.start();
    expect((await eventually(() => fetch(`http://127.0.0.1:${server.port}/readyz`), (r) => r.status === 200)).status).toBe(200);
    const balance = await eventually(() => gql(server.url, BalanceDocument, {}, fan), (r) => !r.errors);
    expect(balance.errors).toBeUndefined();
    // The payment is either made or not; paying again with the same key settles it exactly once.
    const paid = await gql(server.url, PayReservationDocument, { reservationId: held.id, idempotencyKey: 'pay-1' }, fan);
    expect(paid.errors?.map((e) => e.extensions?.code).filter((c) => c !== 'QUEUE_TOKEN_INVALID') ?? []).toEqual([]);
    // Transactions cut in the middle gave their pooled connections back: none is still checked out.
    const pool = await (server.app.orm.em.getConnection() as unknown as { getNativeClient(): Promise<{ totalCount: number; idleCount: number }> }).getNativeClient();
    // (The admission tick's seat count and the hold sweeper borrow one for milliseconds now and
    // then, so look until none is out: a leaked one never comes back.)
    const checkedOut = () => Promise.resolve(pool.totalCount - pool.idleCount);
    expect(await eventually(checkedOut, (n) => n === 0, 3_000)).toBe(0);
    expect(await findInconsistencies(server.app.orm.em, { concertId: concert.id, userIds: [fan.userId] })).toEqual([]);
  });
});
