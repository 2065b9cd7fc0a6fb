import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AvailableSeatsDocument, CancelReservationDocument, MyReservationsDocument, ReserveSeatDocument } from '../generated/graphql.js';
import { hold } from '../support/booking.js';
import { findInconsistencies } from '../../src/consistency.js';
import { createConcert } from '../support/factories.js';
import { errorCode, gql } from '../support/graphql.js';
import { admittedCaller } from '../support/queue.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ QUEUE_ADMIT_INTERVAL_MS: '50', QUEUE_MAX_ACTIVE: '1000', SEAT_HOLD_SECONDS: '300', MAX_HOLDS_PER_USER: '4' });
});
afterAll(() => server.stop());

describe('reserveSeat', () => {
  it('holds the seat for SEAT_HOLD_SECONDS at the price of the seat', async () => {
    const concert = await createConcert(server.app, { price: 77_000 });
    const caller = await admittedCaller(server, concert.id);
    const before = Date.now();
    const reservation = await hold(server, caller, concert.schedules[0].id, 7);
    expect(reservation).toMatchObject({ status: 'HELD', price: 77_000, seat: { number: 7, status: 'HELD', scheduleId: concert.schedules[0].id } });
    const holdMs = new Date(reservation.expiresAt!).getTime() - before;
    expect(holdMs).toBeGreaterThan(295_000);
    expect(holdMs).toBeLessThan(305_000);
  });

  it('gives a seat someone holds to nobody else: SEAT_UNAVAILABLE', async () => {
    const concert = await createConcert(server.app);
    const [alice, bob] = await Promise.all([admittedCaller(server, concert.id), admittedCaller(server, concert.id)]);
    await hold(server, alice, concert.schedules[0].id, 1);
    const r = await gql(server.url, ReserveSeatDocument, { scheduleId: concert.schedules[0].id, seatNumber: 1 }, bob);
    expect(errorCode(r)).toBe('SEAT_UNAVAILABLE');
  });

  it.each([0, 51, -3])('refuses seat number %i with BAD_USER_INPUT', async (seatNumber) => {
    const concert = await createConcert(server.app);
    const caller = await admittedCaller(server, concert.id);
    expect(errorCode(await gql(server.url, ReserveSeatDocument, { scheduleId: concert.schedules[0].id, seatNumber }, caller))).toBe('BAD_USER_INPUT');
  });

  it('is NOT_FOUND for an unknown schedule, QUEUE_TOKEN_INVALID for another concert\'s schedule', async () => {
    const concert = await createConcert(server.app);
    const other = await createConcert(server.app);
    const caller = await admittedCaller(server, concert.id);
    expect(errorCode(await gql(server.url, ReserveSeatDocument, { scheduleId: randomUUID(), seatNumber: 1 }, caller))).toBe('NOT_FOUND');
    expect(errorCode(await gql(server.url, ReserveSeatDocument, { scheduleId: other.schedules[0].id, seatNumber: 1 }, caller))).toBe('QUEUE_TOKEN_INVALID');
  });

  it('lets one person hold at most MAX_HOLDS_PER_USER seats, even when asking for ten at once', async () => {
    const concert = await createConcert(server.app);
    const caller = await admittedCaller(server, concert.id);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => gql(server.url, ReserveSeatDocument, { scheduleId: concert.schedules[0].id, seatNumber: i + 1 }, caller)));
    expect(results.filter((r) => r.data).length).toBe(4);
    expect(results.filter((r) => errorCode(r) === 'HOLD_LIMIT_REACHED').length).toBe(6);
    const seats = (await gql(server.url, AvailableSeatsDocument, { scheduleId: concert.schedules[0].id }, caller)).data!.availableSeats;
    expect(seats.length).toBe(46);
  });

  it('does not count a hold that ran out against the limit', async () => {
    const concert = await createConcert(server.app);
    const caller = await admittedCaller(server, concert.id);
    for (let n = 1; n <= 4; n++) await hold(server, caller, concert.schedules[0].id, n);
    await server.app.orm.em.getConnection().execute(`update reservation set expires_at = now() - interval '1 second' where user_id = ?`, [caller.userId]);
    await expect(hold(server, caller, concert.schedules[0].id, 5)).resolves.toMatchObject({ status: 'HELD' });
  });
});

describe('cancelReservation', () => {
  it('frees an own HELD seat at once', async () => {
    const concert = await createConcert(server.app);
    const [alice, bob] = await Promise.all([admittedCaller(server, concert.id), admittedCaller(server, concert.id)]);
    const reservation = await hold(server, alice, concert.schedules[0].id, 9);
    const r = await gql(server.url, CancelReservationDocument, { reservationId: reservation.id }, { token: alice.token });
    expect(r.data!.cancelReservation).toMatchObject({ id: reservation.id, status: 'CANCELLED', expiresAt: null, seat: { number: 9, status: 'AVAILABLE' } });
    await expect(hold(server, bob, concert.schedules[0].id, 9)).resolves.toMatchObject({ status: 'HELD' });
    // Twice is harmless: the cancelled reservation comes back.
    expect((await gql(server.url, CancelReservationDocument, { reservationId: reservation.id }, { token: alice.token })).data!.cancelReservation.status).toBe('CANCELLED');
    expect(await findInconsistencies(server.app.orm.em, { concertId: concert.id })).toEqual([]);
  });

  it("is NOT_FOUND for someone else's reservation, which stays held", async () => {
    const concert = await createConcert(server.app);
    const [alice, bob] = await Promise.all([admittedCaller(server, concert.id), admittedCaller(server, concert.id)]);
    const reservation = await hold(server, alice, concert.schedules[0].id, 4);
    expect(errorCode(await gql(server.url, CancelReservationDocument, { reservationId: reservation.id }, { token: bob.token }))).toBe('NOT_FOUND');
    const mine = (await gql(server.url, MyReservationsDocument, {}, { token: alice.token })).data!.myReservations;
    expect(mine[0]).toMatchObject({ id: reservation.id, status: 'HELD' });
  });

  it('is RESERVATION_EXPIRED for a hold whose time ran out', async () => {
    const concert = await createConcert(server.app);
    const caller = await admittedCaller(server, concert.id);
    const reservation = await hold(server, caller, concert.schedules[0].id, 4);
    await server.app.orm.em.getConnection().execute(`update reservation set expires_at = now() - interval '1 second' where id = ?`, [reservation.id]);
    expect(errorCode(await gql(server.url, CancelReservationDocument, { reservationId: reservation.id }, { token: caller.token }))).toBe('RESERVATION_EXPIRED');
  });
});

describe('myReservations', () => {
  it("lists only the caller's reservations, newest first, with their seats", async () => {
    const concert = await createConcert(server.app);
    const [alice, bob] = await Promise.all([admittedCaller(server, concert.id), admittedCaller(server, concert.id)]);
    const first = await hold(server, alice, concert.schedules[0].id, 1);
    const second = await hold(server, alice, concert.schedules[1].id, 2);
    await hold(server, bob, concert.schedules[0].id, 3);
    const mine = (await gql(server.url, MyReservationsDocument, {}, { token: alice.token })).data!.myReservations;
    expect(mine.map((r) => [r.id, r.seat.number])).toEqual([[second.id, 2], [first.id, 1]]);
  });

  it('requires identity', async () => {
    expect(errorCode(await gql(server.url, MyReservationsDocument, {}))).toBe('UNAUTHENTICATED');
  });
});
