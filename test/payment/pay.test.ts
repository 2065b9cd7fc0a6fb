import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BalanceDocument, BalanceHistoryDocument, ChargeBalanceDocument, MyReservationsDocument, PayReservationDocument, QueueStatusDocument, ReserveSeatDocument } from '../generated/graphql.js';
import { charge, hold } from '../support/booking.js';
import { findInconsistencies } from '../../src/consistency.js';
import { createConcert } from '../support/factories.js';
import { errorCode, gql } from '../support/graphql.js';
import { admittedCaller, joinLine, waitForStatus, type Caller } from '../support/queue.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ QUEUE_ADMIT_INTERVAL_MS: '50', QUEUE_MAX_ACTIVE: '1000' });
});
afterAll(() => server.stop());

const balanceOf = async (caller: Caller) => (await gql(server.url, BalanceDocument, {}, caller)).data!.balance.amount;
const pay = (caller: Caller, reservationId: string, idempotencyKey: string | null = null) => gql(server.url, PayReservationDocument, { reservationId, idempotencyKey }, caller);

/** An admitted fan with `funds` on their balance holding seat `seat` of a new concert priced 50,000. */
async function fanHolding(funds: number, seat = 1) {
  const concert = await createConcert(server.app, { price: 50_000 });
  const fan = await admittedCaller(server, concert.id);
  if (funds) await charge(server, fan, funds);
  const reservation = await hold(server, fan, concert.schedules[0].id, seat);
  return { concert, fan, reservation };
}

describe('payReservation', () => {
  it('debits the price, confirms the reservation, sells the seat and completes the queue ticket', async () => {
    const { concert, fan, reservation } = await fanHolding(80_000);
    const r = await pay(fan, reservation.id, 'checkout-1');
    expect(r.data!.payReservation).toMatchObject({
      amount: 50_000,
      balanceAfter: 30_000,
      reservation: { id: reservation.id, status: 'CONFIRMED', expiresAt: null, seat: { status: 'SOLD' } },
    });
    expect(await balanceOf(fan)).toBe(30_000);
    const [newest] = (await gql(server.url, BalanceHistoryDocument, { first: 1 }, fan)).data!.balanceHistory;
    expect(newest).toMatchObject({ kind: 'PAYMENT', amount: -50_000, balanceAfter: 30_000 });
    const ticket = (await gql(server.url, QueueStatusDocument, { concertId: concert.id }, fan)).data!.queueStatus;
    expect(ticket.status).toBe('COMPLETED');
    expect(await findInconsistencies(server.app.orm.em, { concertId: concert.id, userIds: [fan.userId] })).toEqual([]);
  });

  it('frees the queue slot for the next in line', async () => {
    const busy = await startTestServer({ QUEUE_ADMIT_INTERVAL_MS: '50', QUEUE_MAX_ACTIVE: '1' });
    try {
      const concert = await createConcert(busy.app, { price: 1_000 });
      const first = await admittedCaller(busy, concert.id);
      const second = await joinLine(busy, concert.id);
      await charge(busy, first, 1_000);
      const reservation = await hold(busy, first, concert.schedules[0].id, 1);
      expect((await gql(busy.url, QueueStatusDocument, { concertId: concert.id }, second)).data!.queueStatus.status).toBe('WAITING');
      await gql(busy.url, PayReservationDocument, { reservationId: reservation.id, idempotencyKey: 'k' }, first);
      await expect(waitForStatus(busy, concert.id, second, 'ACTIVE', 5_000)).resolves.toMatchObject({ status: 'ACTIVE' });
    } finally {
      await busy.stop();
    }
  });

  it('changes nothing when the balance is short: INSUFFICIENT_BALANCE', async () => {
    const { fan, reservation } = await fanHolding(49_999);
    expect(errorCode(await pay(fan, reservation.id, 'short'))).toBe('INSUFFICIENT_BALANCE');
    expect(await balanceOf(fan)).toBe(49_999);
    expect((await gql(server.url, BalanceHistoryDocument, { first: 10 }, fan)).data!.balanceHistory).toHaveLength(1);
    const [mine] = (await gql(server.url, MyReservationsDocument, {}, fan)).data!.myReservations;
    expect(mine).toMatchObject({ status: 'HELD', seat: { status: 'HELD' } });
    // Topping up and paying with the same key then works: the failed attempt used nothing up.
    await charge(server, fan, 1);
    expect((await pay(fan, reservation.id, 'short')).data!.payReservation.balanceAfter).toBe(0);
  });

  it("is NOT_FOUND for someone else's reservation", async () => {
    const { concert, reservation } = await fanHolding(0);
    const stranger = await admittedCaller(server, concert.id);
    await charge(server, stranger, 100_000);
    expect(errorCode(await pay(stranger, reservation.id, 'x'))).toBe('NOT_FOUND');
    expect(await balanceOf(stranger)).toBe(100_000);
  });

  it('is RESERVATION_EXPIRED once the hold ran out, and changes nothing', async () => {
    const { fan, reservation } = await fanHolding(50_000);
    await server.app.orm.em.getConnection().execute(`update reservation set expires_at = now() - interval '1 second' where id = ?`, [reservation.id]);
    await server.app.orm.em.getConnection().execute(`update seat set held_until = now() - interval '1 second' where id = ?`, [reservation.seat.id]);
    expect(errorCode(await pay(fan, reservation.id, 'late'))).toBe('RESERVATION_EXPIRED');
    expect(await balanceOf(fan)).toBe(50_000);
  });

  it('returns the same Payment for a repeated key, even after the ticket completed, and debits once', async () => {
    const { fan, reservation } = await fanHolding(100_000);
    const first = (await pay(fan, reservation.id, 'same')).data!.payReservation;
    const again = await pay(fan, reservation.id, 'same');
    expect(again.data!.payReservation).toEqual(first);
    expect(await balanceOf(fan)).toBe(50_000);
  });

  it('is ALREADY_PAID with another key, IDEMPOTENCY_KEY_REUSED for a key that paid another reservation', async () => {
    const { concert, fan, reservation } = await fanHolding(200_000);
    const other = await hold(server, fan, concert.schedules[0].id, 2);
    await pay(fan, reservation.id, 'first-key');
    // The ticket is COMPLETED now; a fresh one lets the fan pay again.
    const fresh = await admittedCaller(server, concert.id, fan.userId);
    expect(errorCode(await pay(fresh, reservation.id, 'second-key'))).toBe('ALREADY_PAID');
    expect(errorCode(await pay(fresh, other.id, 'first-key'))).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await balanceOf(fan)).toBe(150_000);
  });

  it('lets a completed ticket do nothing but replay its payment', async () => {
    const { concert, fan, reservation } = await fanHolding(200_000);
    await pay(fan, reservation.id, 'k1');
    // Its only hold paid, the ticket is COMPLETED: a new attempt or a new hold is refused ...
    expect(errorCode(await pay(fan, reservation.id, 'k2'))).toBe('QUEUE_TOKEN_INVALID');
    expect(errorCode(await gql(server.url, ReserveSeatDocument, { scheduleId: concert.schedules[0].id, seatNumber: 2 }, fan))).toBe('QUEUE_TOKEN_INVALID');
    // ... but the payment it made comes back.
    expect((await pay(fan, reservation.id, 'k1')).errors).toBeUndefined();
  });

  it('refuses an empty or over-long idempotency key', async () => {
    const { fan, reservation } = await fanHolding(50_000);
    expect(errorCode(await pay(fan, reservation.id, ''))).toBe('BAD_USER_INPUT');
    expect(errorCode(await pay(fan, reservation.id, 'k'.repeat(201)))).toBe('BAD_USER_INPUT');
  });

  it('needs an ACTIVE queue token', async () => {
    const { fan, reservation } = await fanHolding(50_000);
    expect(errorCode(await pay({ ...fan, queueToken: '' }, reservation.id, 'k'))).toBe('QUEUE_TOKEN_INVALID');
  });
});

describe('payReservation under concurrency', () => {
  it('debits once for 10 simultaneous calls with one key, all returning the same Payment', async () => {
    const { concert, fan, reservation } = await fanHolding(100_000);
    const results = await Promise.all(Array.from({ length: 10 }, () => pay(fan, reservation.id, 'one-key')));
    expect(results.filter((r) => r.errors)).toEqual([]);
    expect(new Set(results.map((r) => r.data!.payReservation.id)).size).toBe(1);
    expect(await balanceOf(fan)).toBe(50_000);
    expect(await findInconsistencies(server.app.orm.em, { concertId: concert.id, userIds: [fan.userId] })).toEqual([]);
  });

  it('takes exactly one payment from 10 simultaneous calls with different keys', async () => {
    const { concert, fan, reservation } = await fanHolding(1_000_000);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => pay(fan, reservation.id, `key-${i}`)));
    expect(results.filter((r) => r.data)).toHaveLength(1);
    // The rest: paid already, or the ticket that payment completed.
    expect(results.filter((r) => r.errors).map(errorCode).every((c) => c === 'ALREADY_PAID' || c === 'QUEUE_TOKEN_INVALID')).toBe(true);
    expect(await balanceOf(fan)).toBe(950_000);
    expect(await findInconsistencies(server.app.orm.em, { concertId: concert.id, userIds: [fan.userId] })).toEqual([]);
  });

  it('never lets concurrent charges and payments drive the balance below zero', async () => {
    const concert = await createConcert(server.app, { price: 30_000 });
    const fan = await admittedCaller(server, concert.id);
    await charge(server, fan, 60_000);
    const holds = await Promise.all([1, 2, 3, 4].map((n) => hold(server, fan, concert.schedules[0].id, n)));
    // Four payments of 30,000 against 60,000 with small charges racing them. A payment completes
    // the queue ticket, so the payments go to the service with the admission the gate granted.
    const admission = await server.app.queue.assertActive(fan.queueToken, fan.userId);
    const payments = holds.map((h, i) => server.app.payment.pay(server.app.orm.em.fork(), admission, h.id, `p-${i}`).then(() => 'paid', (e) => e.extensions.code));
    const charges = Array.from({ length: 10 }, () => gql(server.url, ChargeBalanceDocument, { amount: 100 }, fan));
    const outcomes = await Promise.all(payments);
    expect((await Promise.all(charges)).filter((r) => r.errors)).toEqual([]);
    expect(outcomes.filter((o) => o === 'paid')).toHaveLength(2);
    expect(outcomes.filter((o) => o === 'INSUFFICIENT_BALANCE')).toHaveLength(2);
    expect(await balanceOf(fan)).toBe(60_000 + 10 * 100 - 2 * 30_000);
    expect(await findInconsistencies(server.app.orm.em, { concertId: concert.id, userIds: [fan.userId] })).toEqual([]);
  });
});
