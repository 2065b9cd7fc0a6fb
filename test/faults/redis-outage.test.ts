import type { GraphQLFormattedError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AvailableDatesDocument,
  AvailableSeatsDocument,
  BalanceDocument,
  ConcertsDocument,
  IssueQueueTokenDocument,
  PayReservationDocument,
  QueuePositionDocument,
  QueueStatusDocument,
  ReserveSeatDocument,
} from '../generated/graphql.js';
import { createConcert, type ConcertFixture } from '../support/factories.js';
import { errorCode, gql, subscribe, wsClient } from '../support/graphql.js';
import { admittedCaller, joinLine, waitForStatus, type Caller } from '../support/queue.js';
import { OwnRedis } from '../support/redis-server.js';
import { identityToken, startTestServer, type TestServer } from '../support/server.js';

const redis = new OwnRedis();
let server: TestServer;
let concert: ConcertFixture;
let admitted: Caller;
let waiting: Caller;

beforeAll(async () => {
  await redis.start();
  server = await startTestServer({ REDIS_URL: redis.url, QUEUE_MAX_ACTIVE: '1', QUEUE_ADMIT_INTERVAL_MS: '50', QUEUE_RESTORE_GRACE_SECONDS: '1' });
  concert = await createConcert(server.app);
  admitted = await admittedCaller(server, concert.id);
  waiting = await joinLine(server, concert.id);
});
afterAll(async () => {
  await server.stop();
  await redis.stop();
});

const timed = async <T,>(call: () => Promise<T>): Promise<{ ms: number; result: T }> => {
  const started = performance.now();
  const result = await call();
  return { ms: performance.now() - started, result };
};

async function eventually<T>(probe: () => Promise<T>, accept: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (accept(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('when Redis is unreachable', () => {
  it('every operation that needs it answers SERVICE_UNAVAILABLE within 1 s, open subscriptions end with a retryable close, and all works again once Redis is back', async () => {
    const scheduleId = concert.schedules[0].id;
    const watcher = wsClient(server.wsUrl, { authorization: `Bearer ${waiting.token}`, queueToken: waiting.queueToken });
    const position = subscribe(watcher, QueuePositionDocument, { concertId: concert.id });
    expect((await position.next()).data?.queuePosition.status).toBe('WAITING');
    const closed = new Promise<number>((resolve) => watcher.on('closed', (event) => resolve((event as { code: number }).code)));

    await redis.stop();

    // The subscription's socket is closed with 1013 (try again later).
    expect(await closed).toBe(1013);
    const newcomer = await identityToken(server);
    const calls: Record<string, () => Promise<{ errors?: readonly GraphQLFormattedError[] }>> = {
      issueQueueToken: () => gql(server.url, IssueQueueTokenDocument, { concertId: concert.id }, { token: newcomer }),
      queueStatus: () => gql(server.url, QueueStatusDocument, { concertId: concert.id }, waiting),
      availableDates: () => gql(server.url, AvailableDatesDocument, { concertId: concert.id }, admitted),
      availableSeats: () => gql(server.url, AvailableSeatsDocument, { scheduleId }, admitted),
      reserveSeat: () => gql(server.url, ReserveSeatDocument, { scheduleId, seatNumber: 1 }, admitted),
      payReservation: () => gql(server.url, PayReservationDocument, { reservationId: concert.id, idempotencyKey: 'k' }, admitted),
    };
    for (const [name, call] of Object.entries(calls)) {
      const { ms, result } = await timed(call);
      expect({ name, code: errorCode(result) }).toEqual({ name, code: 'SERVICE_UNAVAILABLE' });
      expect(ms).toBeLessThan(1000);
    }
    // A new subscription is refused at once too.
    const late = wsClient(server.wsUrl, { authorization: `Bearer ${waiting.token}`, queueToken: waiting.queueToken });
    expect(errorCode(await subscribe(late, QueuePositionDocument, { concertId: concert.id }).next(2000))).toBe('SERVICE_UNAVAILABLE');
    await late.dispose();
    // What needs only PostgreSQL keeps working.
    expect((await gql(server.url, ConcertsDocument, {}, admitted)).errors).toBeUndefined();
    expect((await gql(server.url, BalanceDocument, {}, admitted)).errors).toBeUndefined();
    const ready = await fetch(`http://127.0.0.1:${server.port}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { redis: string }).redis).toMatch(/unreachable/);

    // Redis comes back empty (no persistence): the lines are rebuilt from the signed tokens.
    await redis.start();
    expect((await eventually(() => fetch(`http://127.0.0.1:${server.port}/readyz`), (r) => r.status === 200)).status).toBe(200);
    const status = await eventually(
      () => gql(server.url, QueueStatusDocument, { concertId: concert.id }, waiting),
      (r) => !r.errors,
    );
    expect(status.data?.queueStatus.status).toMatch(/WAITING|ACTIVE/);
    await waitForStatus(server, concert.id, admitted, 'ACTIVE');
    expect((await gql(server.url, AvailableSeatsDocument, { scheduleId }, admitted)).data?.availableSeats).toHaveLength(50);
    const again = wsClient(server.wsUrl, { authorization: `Bearer ${waiting.token}`, queueToken: waiting.queueToken });
    expect((await subscribe(again, QueuePositionDocument, { concertId: concert.id }).next()).data?.queuePosition.status).toMatch(/WAITING|ACTIVE/);
    await again.dispose();
    await watcher.dispose();
  });
});
