/**
 * Booking benchmarks against a server running as its own process:
 * - availableSeats queries per second with an ACTIVE queue token (64 at a time over HTTP);
 * - 1,000 simultaneous reserveSeat calls spread over the 50 seats of one performance: how many
 *   holds were won (must be exactly 50) and the latency of the calls (p50, p99, max).
 */
import { randomUUID } from 'node:crypto';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { spawnServer } from '../scripts/spawn-server.js';
import type { BenchEnv } from './run.js';
import { percentiles } from './stats.js';

const FANS = 1_000;
const SEAT_QUERIES = Number(process.env.BENCH_SEAT_QUERIES ?? 20_000);
const CONCURRENCY = 64;

export default async function bookingBench(env: BenchEnv): Promise<Record<string, unknown>> {
  const serverEnv = env.serverEnv('booking', {
    // Everyone is let in by the ticks this benchmark runs; the server's own loop stays out of it.
    QUEUE_ADMIT_INTERVAL_MS: '3600000',
    QUEUE_MAX_ACTIVE: String(FANS),
    QUEUE_IDLE_SECONDS: '3600',
  });
  const server = await spawnServer({ ...serverEnv, LOG_LEVEL: 'info' });
  const app = await createApp(loadConfig(serverEnv as Record<string, string>), createLogger('warn'));
  try {
    const conn = app.orm.em.getConnection();
    const [{ id: concertId }] = await conn.execute<{ id: string }[]>(`insert into concert (title) values ('bench: booking') returning id`);
    const [{ id: scheduleId }] = await conn.execute<{ id: string }[]>(
      `insert into concert_schedule (concert_id, starts_at) values (?, now() + interval '30 days') returning id`,
      [concertId],
    );
    await conn.execute(`insert into seat (schedule_id, number, price) select ?, n, 100000 from generate_series(1, 50) n`, [scheduleId]);

    const fans = await Promise.all(
      Array.from({ length: FANS }, async () => {
        const userId = randomUUID();
        await conn.execute('insert into app_user (id) values (?)', [userId]);
        const state = await app.queue.issue(userId, concertId);
        return { userId, identity: await app.identity.sign(userId), queueToken: await app.queue.tokenFor(state) };
      }),
    );
    await app.queue.tick(concertId);
    await app.queue.assertActive(fans[FANS - 1].queueToken, fans[FANS - 1].userId);

    const call = async (fan: (typeof fans)[number], query: string, variables: Record<string, unknown>) => {
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${fan.identity}`, 'queue-token': fan.queueToken },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as { data?: Record<string, unknown> | null; errors?: Array<{ extensions?: { code?: string } }> };
    };

    // 1. availableSeats per second.
    const seatsQuery = `query($s: ID!) { availableSeats(scheduleId: $s) { id number price status } }`;
    const seatLatencies: number[] = [];
    let sent = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, worker) => {
        while (sent < SEAT_QUERIES) {
          sent++;
          const t = performance.now();
          const body = await call(fans[worker], seatsQuery, { s: scheduleId });
          if (body.errors) throw new Error(JSON.stringify(body.errors));
          seatLatencies.push(performance.now() - t);
        }
      }),
    );
    const seatSeconds = (performance.now() - started) / 1000;

    // 2. 1,000 simultaneous holds over 50 seats.
    const reserve = `mutation($s: ID!, $n: Int!) { reserveSeat(scheduleId: $s, seatNumber: $n) { id } }`;
    const holdLatencies: number[] = [];
    const holdStarted = performance.now();
    const outcomes = await Promise.all(
      fans.map(async (fan, i) => {
        const t = performance.now();
        const body = await call(fan, reserve, { s: scheduleId, n: (i % 50) + 1 });
        holdLatencies.push(performance.now() - t);
        return body.data?.reserveSeat ? 'won' : (body.errors?.[0]?.extensions?.code ?? 'unknown');
      }),
    );
    const holdSeconds = (performance.now() - holdStarted) / 1000;
    const count = (what: string) => outcomes.filter((o) => o === what).length;
    const [{ n: heldRows }] = await conn.execute<{ n: string }[]>(
      `select count(*) as n from reservation r join seat s on s.id = r.seat_id where s.schedule_id = ?`,
      [scheduleId],
    );

    return {
      availableSeats: {
        queries: SEAT_QUERIES,
        concurrency: CONCURRENCY,
        queriesPerSecond: Math.round(SEAT_QUERIES / seatSeconds),
        latencyMs: percentiles(seatLatencies),
      },
      reserveSeat: {
        calls: FANS,
        seats: 50,
        holdsWon: count('won'),
        seatUnavailable: count('SEAT_UNAVAILABLE'),
        other: FANS - count('won') - count('SEAT_UNAVAILABLE'),
        reservationRows: Number(heldRows),
        exactlyOnePerSeat: count('won') === 50 && Number(heldRows) === 50,
        wallSeconds: Math.round(holdSeconds * 100) / 100,
        latencyMs: percentiles(holdLatencies),
      },
    };
  } finally {
    await app.close();
    await server.stop();
  }
}
