import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AvailableDatesDocument, AvailableSeatsDocument } from '../generated/graphql.js';
import { hold } from '../support/booking.js';
import { createConcert } from '../support/factories.js';
import { errorCode, gql } from '../support/graphql.js';
import { admittedCaller, joinLine } from '../support/queue.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ QUEUE_ADMIT_INTERVAL_MS: '50', QUEUE_MAX_ACTIVE: '1000' });
});
afterAll(() => server.stop());

const sql = (text: string, params: unknown[] = []) => server.app.orm.em.getConnection().execute(text, params);

describe('availableDates', () => {
  it('lists future performances with a reservable seat, soonest first, with their count', async () => {
    const concert = await createConcert(server.app, { schedules: 3, pastSchedules: 2 });
    const [soon, sellOut, later] = concert.schedules;
    await sql(`update seat set status = 'SOLD' where schedule_id = ?`, [sellOut.id]);
    await sql(`update seat set status = 'SOLD' where schedule_id = ? and number <= 10`, [later.id]);
    const caller = await admittedCaller(server, concert.id);
    const r = await gql(server.url, AvailableDatesDocument, { concertId: concert.id }, caller);
    expect(r.data!.availableDates).toEqual([
      { id: soon.id, concertId: concert.id, startsAt: soon.startsAt.toISOString(), availableSeatCount: 50 },
      { id: later.id, concertId: concert.id, startsAt: later.startsAt.toISOString(), availableSeatCount: 40 },
    ]);
  });

  it('counts a hold whose time ran out as reservable', async () => {
    const concert = await createConcert(server.app, { schedules: 1 });
    await sql(`update seat set status = 'HELD', held_until = now() - interval '1 second' where schedule_id = ?`, [concert.schedules[0].id]);
    const caller = await admittedCaller(server, concert.id);
    const r = await gql(server.url, AvailableDatesDocument, { concertId: concert.id }, caller);
    expect(r.data!.availableDates[0].availableSeatCount).toBe(50);
  });

  it('is NOT_FOUND for an unknown concert and BAD_USER_INPUT for a malformed id', async () => {
    const concert = await createConcert(server.app);
    const caller = await admittedCaller(server, concert.id);
    expect(errorCode(await gql(server.url, AvailableDatesDocument, { concertId: randomUUID() }, caller))).toBe('NOT_FOUND');
    expect(errorCode(await gql(server.url, AvailableDatesDocument, { concertId: 'nope' }, caller))).toBe('BAD_USER_INPUT');
  });

  it('needs an ACTIVE queue token of that very concert', async () => {
    const concert = await createConcert(server.app);
    const other = await createConcert(server.app);
    const caller = await admittedCaller(server, concert.id);
    expect(errorCode(await gql(server.url, AvailableDatesDocument, { concertId: concert.id }, { token: caller.token }))).toBe('QUEUE_TOKEN_INVALID');
    expect(errorCode(await gql(server.url, AvailableDatesDocument, { concertId: other.id }, caller))).toBe('QUEUE_TOKEN_INVALID');
  });
});

describe('availableSeats', () => {
  it('lists the reservable seats by number: not held, not sold, but a hold that ran out is back', async () => {
    const concert = await createConcert(server.app, { schedules: 1, price: (n) => 1_000 * n });
    const schedule = concert.schedules[0];
    await sql(`update seat set status = 'SOLD' where schedule_id = ? and number = 1`, [schedule.id]);
    await sql(`update seat set status = 'HELD', held_until = now() - interval '1 second' where schedule_id = ? and number = 3`, [schedule.id]);
    const caller = await admittedCaller(server, concert.id);
    await hold(server, caller, schedule.id, 2);
    const seats = (await gql(server.url, AvailableSeatsDocument, { scheduleId: schedule.id }, caller)).data!.availableSeats;
    expect(seats.map((s) => s.number)).toEqual(Array.from({ length: 48 }, (_, i) => i + 3));
    expect(seats[0]).toMatchObject({ number: 3, price: 3_000, status: 'AVAILABLE', scheduleId: schedule.id });
  });

  it('is empty for a performance that has started', async () => {
    const concert = await createConcert(server.app, { schedules: 0, pastSchedules: 1 });
    const [past] = await sql(`select id from concert_schedule where concert_id = ?`, [concert.id]);
    const caller = await admittedCaller(server, concert.id);
    expect((await gql(server.url, AvailableSeatsDocument, { scheduleId: past.id }, caller)).data!.availableSeats).toEqual([]);
  });

  it('is NOT_FOUND for an unknown schedule', async () => {
    const concert = await createConcert(server.app);
    const caller = await admittedCaller(server, concert.id);
    expect(errorCode(await gql(server.url, AvailableSeatsDocument, { scheduleId: randomUUID() }, caller))).toBe('NOT_FOUND');
  });

  it('refuses a waiting holder with QUEUE_NOT_ADMITTED and their position', async () => {
    const busy = await startTestServer({ QUEUE_ADMIT_INTERVAL_MS: '50', QUEUE_MAX_ACTIVE: '1' });
    try {
      const concert = await createConcert(busy.app);
      await admittedCaller(busy, concert.id);
      const waiting = await joinLine(busy, concert.id);
      const r = await gql(busy.url, AvailableSeatsDocument, { scheduleId: concert.schedules[0].id }, waiting);
      expect(errorCode(r)).toBe('QUEUE_NOT_ADMITTED');
      expect(r.errors![0].extensions!.position).toBe(1);
    } finally {
      await busy.stop();
    }
  });
});
