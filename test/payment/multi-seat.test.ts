import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PayReservationDocument, QueueStatusDocument } from '../generated/graphql.js';
import { charge, hold } from '../support/booking.js';
import { findInconsistencies } from '../../src/consistency.js';
import { createConcert } from '../support/factories.js';
import { errorCode, gql } from '../support/graphql.js';
import { admittedCaller } from '../support/queue.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ QUEUE_ADMIT_INTERVAL_MS: '50', QUEUE_MAX_ACTIVE: '1000' });
});
afterAll(() => server.stop());

describe('multi-seat checkout', () => {
  it('a fan holding two seats pays for both with one admission; the ticket completes with the last payment', async () => {
    const concert = await createConcert(server.app, { price: 10_000 });
    const fan = await admittedCaller(server, concert.id);
    await charge(server, fan, 20_000);
    const [first, second] = [await hold(server, fan, concert.schedules[0].id, 1), await hold(server, fan, concert.schedules[1].id, 2)];
    const status = async () => (await gql(server.url, QueueStatusDocument, { concertId: concert.id }, fan)).data!.queueStatus.status;

    expect((await gql(server.url, PayReservationDocument, { reservationId: first.id, idempotencyKey: 'a' }, fan)).errors).toBeUndefined();
    expect(await status()).toBe('ACTIVE');
    expect((await gql(server.url, PayReservationDocument, { reservationId: second.id, idempotencyKey: 'b' }, fan)).errors).toBeUndefined();
    expect(await status()).toBe('COMPLETED');
    // The replay rule is unchanged: the completed ticket still returns a payment already made.
    expect((await gql(server.url, PayReservationDocument, { reservationId: first.id, idempotencyKey: 'a' }, fan)).errors).toBeUndefined();
    expect(await findInconsistencies(server.app.orm.em.fork(), { concertId: concert.id, userIds: [fan.userId] })).toEqual([]);
  });

  it('two payments for the last two holds sent at once complete the ticket exactly once, after both', async () => {
    const concert = await createConcert(server.app, { price: 10_000 });
    const fan = await admittedCaller(server, concert.id);
    await charge(server, fan, 20_000);
    const holds = [await hold(server, fan, concert.schedules[0].id, 3), await hold(server, fan, concert.schedules[0].id, 4)];
    const results = await Promise.all(holds.map((h, i) => gql(server.url, PayReservationDocument, { reservationId: h.id, idempotencyKey: `k${i}` }, fan)));
    expect(results.map(errorCode)).toEqual([undefined, undefined]);
    expect((await gql(server.url, QueueStatusDocument, { concertId: concert.id }, fan)).data!.queueStatus.status).toBe('COMPLETED');
  });

  it("a hold of another concert does not keep this concert's ticket open", async () => {
    const concert = await createConcert(server.app, { price: 10_000 });
    const elsewhere = await createConcert(server.app, { price: 10_000 });
    const fan = await admittedCaller(server, concert.id);
    const there = await admittedCaller(server, elsewhere.id, fan.userId);
    await charge(server, fan, 20_000);
    await hold(server, there, elsewhere.schedules[0].id, 1);
    const mine = await hold(server, fan, concert.schedules[0].id, 1);
    expect((await gql(server.url, PayReservationDocument, { reservationId: mine.id, idempotencyKey: 'x' }, fan)).errors).toBeUndefined();
    expect((await gql(server.url, QueueStatusDocument, { concertId: concert.id }, fan)).data!.queueStatus.status).toBe('COMPLETED');
  });
});
