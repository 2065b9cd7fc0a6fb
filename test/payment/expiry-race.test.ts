import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PayReservationDocument } from '../generated/graphql.js';
import { charge, hold, sleep } from '../support/booking.js';
import { findInconsistencies } from '../../src/consistency.js';
import { createConcert } from '../support/factories.js';
import { errorCode, gql } from '../support/graphql.js';
import { twoServerProcesses } from '../support/process.js';
import { admittedCaller } from '../support/queue.js';

// Holds of 1 s, swept every 10 ms by two processes: payments land right on the edge of expiry.
const both = twoServerProcesses({ QUEUE_ADMIT_INTERVAL_MS: '50', QUEUE_MAX_ACTIVE: '1000', SEAT_HOLD_SECONDS: '1', HOLD_SWEEP_INTERVAL_MS: '10' });

describe('payment racing the end of the hold', () => {
  it('either pays or is RESERVATION_EXPIRED, never both, never an internal error, with sweepers of two processes running', async () => {
    const concert = await createConcert(both.server.app, { schedules: 1, price: 1_000 });
    const fans = await Promise.all(Array.from({ length: 40 }, () => admittedCaller(both.server, concert.id)));
    await Promise.all(fans.map((fan) => charge(both.server, fan, 1_000)));
    const holds = await Promise.all(fans.map((fan, i) => hold(both.server, fan, concert.schedules[0].id, i + 1)));
    // Each payment is sent between 200 ms before and 200 ms after its own hold runs out.
    const results = await Promise.all(
      fans.map(async (fan, i) => {
        await sleep(Math.max(0, new Date(holds[i].expiresAt!).getTime() - Date.now() + (i - 20) * 10));
        return gql(i % 2 ? both.other.url : both.server.url, PayReservationDocument, { reservationId: holds[i].id, idempotencyKey: 'k' }, fan);
      }),
    );
    const outcomes = results.map((r) => (r.data ? 'PAID' : errorCode(r)));
    expect(outcomes.filter((o) => o !== 'PAID' && o !== 'RESERVATION_EXPIRED')).toEqual([]);
    await sleep(300);
    expect(await findInconsistencies(both.server.app.orm.em, { concertId: concert.id, userIds: fans.map((f) => f.userId) })).toEqual([]);
    const [{ sold, expired }] = await both.server.app.orm.em.getConnection().execute<{ sold: string; expired: string }[]>(
      `select count(*) filter (where s.status = 'SOLD') as sold, count(*) filter (where r.status = 'EXPIRED') as expired
         from reservation r join seat s on s.id = r.seat_id where s.schedule_id = ?`,
      [concert.schedules[0].id],
    );
    expect(Number(sold)).toBe(outcomes.filter((o) => o === 'PAID').length);
    expect(Number(expired)).toBe(outcomes.filter((o) => o === 'RESERVATION_EXPIRED').length);
  });
});
