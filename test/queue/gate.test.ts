import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AvailableDatesDocument, AvailableSeatsDocument, PayReservationDocument, ReserveSeatDocument, SeatsChangedDocument } from '../generated/graphql.js';
import { charge, hold, sleep } from '../support/booking.js';
import { createConcert, type ConcertFixture } from '../support/factories.js';
import { errorCode, gql, subscribe, wsClient } from '../support/graphql.js';
import { admittedCaller, joinLine, type Caller } from '../support/queue.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { QueueTokenSigner } from '../../src/queue/token.js';

let server: TestServer;
let concert: ConcertFixture;
let fan: Caller;
beforeAll(async () => {
  server = await startTestServer({ QUEUE_ADMIT_INTERVAL_MS: '50', QUEUE_MAX_ACTIVE: '1000', QUEUE_ACTIVE_SECONDS: '600' });
  concert = await createConcert(server.app);
  fan = await admittedCaller(server, concert.id);
});
afterAll(() => server.stop());

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
const seatsWith = (caller: Caller) => gql(server.url, AvailableSeatsDocument, { scheduleId: concert.schedules[0].id }, caller);

describe('the queue gate', () => {
  it('lets an ACTIVE ticket of the right user and concert through', async () => {
    expect((await seatsWith(fan)).data!.availableSeats).toHaveLength(50);
  });

  it('guards every operation behind the waiting room', async () => {
    const noToken = { token: fan.token };
    const scheduleId = concert.schedules[0].id;
    const results = await Promise.all([
      gql(server.url, AvailableDatesDocument, { concertId: concert.id }, noToken),
      gql(server.url, AvailableSeatsDocument, { scheduleId }, noToken),
      gql(server.url, ReserveSeatDocument, { scheduleId, seatNumber: 1 }, noToken),
      gql(server.url, PayReservationDocument, { reservationId: randomUUID(), idempotencyKey: 'k' }, noToken),
    ]);
    expect(results.map(errorCode)).toEqual(Array(4).fill('QUEUE_TOKEN_INVALID'));
    const client = wsClient(server.wsUrl, { authorization: `Bearer ${fan.token}` });
    expect(errorCode(await subscribe(client, SeatsChangedDocument, { scheduleId }).next())).toBe('QUEUE_TOKEN_INVALID');
    await client.dispose();
  });

  it('refuses a token signed with another key (forged)', async () => {
    const forged = await new SignJWT(claimsOf(fan.queueToken)).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('x'.repeat(40)));
    expect(errorCode(await seatsWith({ ...fan, queueToken: forged }))).toBe('QUEUE_TOKEN_INVALID');
  });

  it('refuses a token whose claims were changed (tampered)', async () => {
    const [header, , signature] = fan.queueToken.split('.');
    const payload = Buffer.from(JSON.stringify({ ...claimsOf(fan.queueToken), seq: 0 })).toString('base64url');
    expect(errorCode(await seatsWith({ ...fan, queueToken: `${header}.${payload}.${signature}` }))).toBe('QUEUE_TOKEN_INVALID');
  });

  it("refuses another user's token", async () => {
    const other = await admittedCaller(server, concert.id);
    expect(errorCode(await seatsWith({ ...other, queueToken: fan.queueToken }))).toBe('QUEUE_TOKEN_INVALID');
  });

  it("refuses a token for another concert", async () => {
    const elsewhere = await createConcert(server.app);
    const r = await gql(server.url, AvailableSeatsDocument, { scheduleId: elsewhere.schedules[0].id }, fan);
    expect(errorCode(r)).toBe('QUEUE_TOKEN_INVALID');
  });

  it('refuses a token past its signed lifetime', async () => {
    const claims = claimsOf(fan.queueToken);
    const signer = new QueueTokenSigner(server.config.QUEUE_TOKEN_SECRET, 60);
    const old = await signer.sign({ tokenId: claims.jti as string, userId: fan.userId, concertId: concert.id, seq: claims.seq as number, issuedAt: Date.now() - 3_600_000, epoch: claims.ep as string });
    expect(errorCode(await seatsWith({ ...fan, queueToken: old }))).toBe('QUEUE_TOKEN_INVALID');
  });

  it('refuses a ticket whose ACTIVE time ran out (EXPIRED)', async () => {
    const brief = await startTestServer({ QUEUE_ADMIT_INTERVAL_MS: '50', QUEUE_ACTIVE_SECONDS: '1' });
    try {
      const show = await createConcert(brief.app);
      const caller = await admittedCaller(brief, show.id);
      await sleep(1_100);
      const r = await gql(brief.url, AvailableSeatsDocument, { scheduleId: show.schedules[0].id }, caller);
      expect(errorCode(r)).toBe('QUEUE_TOKEN_INVALID');
      expect(r.errors![0].extensions!.status).toBe('EXPIRED');
    } finally {
      await brief.stop();
    }
  });

  it('refuses a ticket its payment COMPLETED', async () => {
    const show = await createConcert(server.app, { price: 1_000 });
    const caller = await admittedCaller(server, show.id);
    await charge(server, caller, 1_000);
    const reservation = await hold(server, caller, show.schedules[0].id, 1);
    await gql(server.url, PayReservationDocument, { reservationId: reservation.id, idempotencyKey: 'k' }, caller);
    const r = await gql(server.url, AvailableSeatsDocument, { scheduleId: show.schedules[0].id }, caller);
    expect(errorCode(r)).toBe('QUEUE_TOKEN_INVALID');
    expect(r.errors![0].extensions!.status).toBe('COMPLETED');
  });

  it('tells a WAITING holder QUEUE_NOT_ADMITTED with their position', async () => {
    const full = await startTestServer({ QUEUE_ADMIT_INTERVAL_MS: '50', QUEUE_MAX_ACTIVE: '1' });
    try {
      const show = await createConcert(full.app);
      await admittedCaller(full, show.id);
      const second = await joinLine(full, show.id);
      const third = await joinLine(full, show.id);
      const r = await gql(full.url, ReserveSeatDocument, { scheduleId: show.schedules[0].id, seatNumber: 1 }, third);
      expect(errorCode(r)).toBe('QUEUE_NOT_ADMITTED');
      expect(r.errors![0].extensions!.position).toBe(2);
      expect(second.ticket.position).toBe(1);
    } finally {
      await full.stop();
    }
  });
});
