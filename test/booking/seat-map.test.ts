import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AvailableSeatsDocument, CancelReservationDocument } from '../generated/graphql.js';
import { hold } from '../support/booking.js';
import { createConcert } from '../support/factories.js';
import { gql } from '../support/graphql.js';
import { twoServerProcesses } from '../support/process.js';
import { admittedCaller, type Caller } from '../support/queue.js';

/**
 * availableSeats is served from a seat map each process keeps per performance (src/booking/seat-maps.ts),
 * dropped by the seat-change notice every process hears: a change made through one process shows
 * in the other's answers without any read of the database in between being needed.
 */
// No sweeper notices: a hold that runs out must show without one.
const both = twoServerProcesses({ QUEUE_ADMIT_INTERVAL_MS: '50', QUEUE_MAX_ACTIVE: '1000', HOLD_SWEEP_INTERVAL_MS: '3600000' });

const numbersOn = async (url: string, caller: Caller, scheduleId: string) =>
  (await gql(url, AvailableSeatsDocument, { scheduleId }, caller)).data!.availableSeats.map((s) => s.number);

describe('availableSeats across server processes', () => {
  it('drops a seat held through another process, and shows it again once that hold is cancelled', async () => {
    const concert = await createConcert(both.server.app);
    const scheduleId = concert.schedules[0].id;
    const [reader, fan] = await Promise.all([admittedCaller(both.server, concert.id), admittedCaller(both.server, concert.id)]);
    const all = Array.from({ length: 50 }, (_, i) => i + 1);
    // Read (and so kept) by the other process first.
    expect(await numbersOn(both.other.url, reader, scheduleId)).toEqual(all);

    const held = await hold(both.server, fan, scheduleId, 7);
    // The notice travels through Redis pub/sub: it arrives a moment after the hold's answer.
    await expect.poll(() => numbersOn(both.other.url, reader, scheduleId)).toEqual(all.filter((n) => n !== 7));
    expect(await numbersOn(both.server.url, reader, scheduleId)).toEqual(all.filter((n) => n !== 7));

    await gql(both.server.url, CancelReservationDocument, { reservationId: held.id }, fan);
    await expect.poll(() => numbersOn(both.other.url, reader, scheduleId)).toEqual(all);
  });

  it('shows a seat again by itself when its hold runs out, before any sweep announces it', async () => {
    const concert = await createConcert(both.server.app);
    const scheduleId = concert.schedules[0].id;
    const [reader, fan] = await Promise.all([admittedCaller(both.server, concert.id), admittedCaller(both.server, concert.id)]);
    const held = await hold(both.server, fan, scheduleId, 3);
    // A hold ending in a moment, with no notice of it (no sweeper runs in this file).
    await both.server.app.orm.em.getConnection().execute(
      `with r as (update reservation set expires_at = now() + interval '2 seconds' where id = ? returning seat_id)
       update seat set held_until = now() + interval '2 seconds' where id = (select seat_id from r)`,
      [held.id],
    );
    expect(await numbersOn(both.other.url, reader, scheduleId)).not.toContain(3);
    await expect.poll(() => numbersOn(both.other.url, reader, scheduleId), { timeout: 10_000 }).toContain(3);
  });
});
