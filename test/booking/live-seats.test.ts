import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelReservationDocument, MyReservationsDocument, PayReservationDocument, SeatsChangedDocument } from '../generated/graphql.js';
import { charge, hold } from '../support/booking.js';
import { findInconsistencies } from '../../src/consistency.js';
import { createConcert } from '../support/factories.js';
import { errorCode, gql, subscribe, wsClient } from '../support/graphql.js';
import { twoServerProcesses } from '../support/process.js';
import { admittedCaller, type Caller } from '../support/queue.js';
import { Topic } from '../../src/events/bus.js';

const both = twoServerProcesses({ QUEUE_ADMIT_INTERVAL_MS: '50', QUEUE_MAX_ACTIVE: '1000', SEAT_HOLD_SECONDS: '1', HOLD_SWEEP_INTERVAL_MS: '100' });

/** A seatsChanged subscription opened on the other server process. */
async function watchSeats(caller: Caller, scheduleId: string) {
  const client = wsClient(both.other.wsUrl, { authorization: `Bearer ${caller.token}`, queueToken: caller.queueToken });
  const sub = subscribe(client, SeatsChangedDocument, { scheduleId });
  // Nothing may change before the subscription listens on Redis, or the test would miss it.
  const channel = both.server.app.bus.channel(Topic.SeatChanged, scheduleId);
  for (let waited = 0; ((await both.server.app.redis.call('PUBSUB', 'NUMSUB', channel)) as [string, number])[1] < 1; waited += 10) {
    if (waited > 5_000) throw new Error(`no subscriber on ${channel}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return {
    next: async () => (await sub.next(5_000)).data!.seatsChanged,
    /** Resolves once the server completed the subscription. */
    completed: () => sub.next(5_000).then((r) => Promise.reject(new Error(`still open: ${JSON.stringify(r)}`)), (e: Error) => e.message),
    close: () => client.dispose(),
  };
}

/** This file's holds last 1 s (for the expiry test); one that must be paid gets longer. */
async function extendHold(reservationId: string) {
  await both.server.app.orm.em.getConnection().execute(
    `with r as (update reservation set expires_at = now() + interval '5 minutes' where id = ? returning seat_id)
     update seat set held_until = now() + interval '5 minutes' where id = (select seat_id from r)`,
    [reservationId],
  );
}

describe('seatsChanged', () => {
  it('pushes HELD, AVAILABLE after a cancel and SOLD, from another server process', async () => {
    const concert = await createConcert(both.server.app, { price: 10_000 });
    const scheduleId = concert.schedules[0].id;
    const [watcher, fan] = await Promise.all([admittedCaller(both.server, concert.id), admittedCaller(both.server, concert.id)]);
    const seats = await watchSeats(watcher, scheduleId);
    try {
      const first = await hold(both.server, fan, scheduleId, 5);
      await extendHold(first.id);
      expect(await seats.next()).toMatchObject({ number: 5, status: 'HELD', scheduleId });
      await gql(both.server.url, CancelReservationDocument, { reservationId: first.id }, fan);
      expect(await seats.next()).toMatchObject({ number: 5, status: 'AVAILABLE' });
      await charge(both.server, fan, 10_000);
      const second = await hold(both.server, fan, scheduleId, 6);
      await extendHold(second.id);
      expect(await seats.next()).toMatchObject({ number: 6, status: 'HELD' });
      await gql(both.server.url, PayReservationDocument, { reservationId: second.id, idempotencyKey: 'k' }, fan);
      expect(await seats.next()).toMatchObject({ number: 6, status: 'SOLD' });
    } finally {
      seats.close();
    }
  });

  it('frees a hold that ran out unpaid without anyone calling anything, and pushes it', async () => {
    const concert = await createConcert(both.server.app);
    const scheduleId = concert.schedules[0].id;
    const [watcher, fan, next] = await Promise.all([admittedCaller(both.server, concert.id), admittedCaller(both.server, concert.id), admittedCaller(both.server, concert.id)]);
    const seats = await watchSeats(watcher, scheduleId);
    try {
      const reservation = await hold(both.server, fan, scheduleId, 11);
      expect(await seats.next()).toMatchObject({ number: 11, status: 'HELD' });
      // SEAT_HOLD_SECONDS is 1: the sweeper releases it on its own.
      expect(await seats.next()).toMatchObject({ number: 11, status: 'AVAILABLE' });
      const [row] = await both.server.app.orm.em.getConnection().execute<{ status: string }[]>('select status from reservation where id = ?', [reservation.id]);
      expect(row.status).toBe('EXPIRED');
      const mine = (await gql(both.server.url, MyReservationsDocument, {}, fan)).data!.myReservations;
      expect(mine[0]).toMatchObject({ id: reservation.id, status: 'EXPIRED', seat: { status: 'AVAILABLE' } });
      await expect(hold(both.server, next, scheduleId, 11)).resolves.toMatchObject({ status: 'HELD' });
      expect(errorCode(await gql(both.server.url, PayReservationDocument, { reservationId: reservation.id, idempotencyKey: 'late' }, fan))).toBe('RESERVATION_EXPIRED');
      expect(await findInconsistencies(both.server.app.orm.em, { concertId: concert.id, userIds: [fan.userId, next.userId] })).toEqual([]);
    } finally {
      seats.close();
    }
  });

  it("ends when the holder's queue ticket ends: here their own payment completes it", async () => {
    const concert = await createConcert(both.server.app, { price: 1_000 });
    const scheduleId = concert.schedules[0].id;
    const fan = await admittedCaller(both.server, concert.id);
    await charge(both.server, fan, 1_000);
    const seats = await watchSeats(fan, scheduleId);
    try {
      const reservation = await hold(both.server, fan, scheduleId, 20);
      await extendHold(reservation.id);
      expect(await seats.next()).toMatchObject({ number: 20, status: 'HELD' });
      await gql(both.server.url, PayReservationDocument, { reservationId: reservation.id, idempotencyKey: 'k' }, fan);
      expect(await seats.next()).toMatchObject({ number: 20, status: 'SOLD' });
      expect(await seats.completed()).toBe('subscription completed');
    } finally {
      seats.close();
    }
  });

  it('needs an ACTIVE queue token of the concert', async () => {
    const concert = await createConcert(both.server.app);
    const elsewhere = await createConcert(both.server.app);
    const caller = await admittedCaller(both.server, elsewhere.id);
    for (const params of [{ authorization: `Bearer ${caller.token}` }, { authorization: `Bearer ${caller.token}`, queueToken: caller.queueToken }]) {
      const client = wsClient(both.server.wsUrl, params);
      const result = await subscribe(client, SeatsChangedDocument, { scheduleId: concert.schedules[0].id }).next();
      expect(errorCode(result)).toBe('QUEUE_TOKEN_INVALID');
      await client.dispose();
    }
  });
});
