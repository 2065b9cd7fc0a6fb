import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReserveSeatDocument } from '../generated/graphql.js';
import { findInconsistencies } from '../../src/consistency.js';
import { hold } from '../support/booking.js';
import { createConcert } from '../support/factories.js';
import { errorCode, gql } from '../support/graphql.js';
import { admittedCaller } from '../support/queue.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { countStatements } from '../support/statements.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ QUEUE_ADMIT_INTERVAL_MS: '50', QUEUE_MAX_ACTIVE: '1000', MAX_HOLDS_PER_USER: '1' });
});
afterAll(() => server.stop());

describe('a rush on one seat', () => {
  it('costs the database one attempt per process: of 100 simultaneous holds one wins, the rest are refused without a transaction', async () => {
    const concert = await createConcert(server.app);
    const scheduleId = concert.schedules[0].id;
    const fans = await Promise.all(Array.from({ length: 100 }, () => admittedCaller(server, concert.id)));
    let results: Awaited<ReturnType<typeof gql>>[] = [];
    const attempts = await countStatements(
      server,
      async () => {
        results = await Promise.all(fans.map((fan) => gql(server.url, ReserveSeatDocument, { scheduleId, seatNumber: 7 }, fan)));
      },
      /^update "?seat"? s set status = 'HELD'/,
    );
    expect(results.filter((r) => r.data)).toHaveLength(1);
    expect(results.filter((r) => errorCode(r) === 'SEAT_UNAVAILABLE')).toHaveLength(99);
    expect(attempts).toBe(1);
    expect(await findInconsistencies(server.app.orm.em, { concertId: concert.id, userIds: fans.map((f) => f.userId) })).toEqual([]);
  });

  it('is not lost to fans who may not hold it: those at their hold limit are refused, and the one who may gets the seat', async () => {
    const concert = await createConcert(server.app);
    const scheduleId = concert.schedules[0].id;
    // MAX_HOLDS_PER_USER is 1: each of these holds a seat already.
    const limited = await Promise.all(Array.from({ length: 8 }, () => admittedCaller(server, concert.id)));
    for (const [i, fan] of limited.entries()) await hold(server, fan, scheduleId, 10 + i);
    const free = await admittedCaller(server, concert.id);
    const results = await Promise.all([...limited, free].map((fan) => gql(server.url, ReserveSeatDocument, { scheduleId, seatNumber: 3 }, fan)));
    expect(results.slice(0, -1).map(errorCode)).toEqual(limited.map(() => 'HOLD_LIMIT_REACHED'));
    expect(results.at(-1)!.data?.reserveSeat).toMatchObject({ status: 'HELD', seat: { number: 3 } });
  });
});
