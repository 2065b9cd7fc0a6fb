/**
 * (6) 1,000 simultaneous reserveSeat calls spread over the 50 seats of one performance, against
 * a server running as its own process: how many holds were won (must be exactly 50) and the
 * latency of the calls (p50, p99, max).
 */
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { spawnServer } from '../scripts/spawn-server.js';
import type { BenchEnv, BenchResult } from './env.js';
import { cpuSeconds, fans, newConcert, newPerformance } from './fixtures.js';
import { percentiles } from './stats.js';

const FANS = 1_000;
const SEATS = 50;

export default async function bookingBench(env: BenchEnv): Promise<BenchResult> {
  const serverEnv = env.serverEnv('booking', {
    // Everyone is let in by the tick this benchmark runs; the server's own loop stays out of it.
    QUEUE_ADMIT_INTERVAL_MS: '3600000',
    QUEUE_MAX_ACTIVE: String(FANS),
    QUEUE_IDLE_SECONDS: '3600',
  });
  const server = await spawnServer({ ...serverEnv, LOG_LEVEL: 'info' });
  const app = await createApp(loadConfig(serverEnv as Record<string, string>), createLogger('warn'));
  try {
    const call = async (fan: { identity: string; queueToken: string }, query: string, variables: Record<string, unknown>) => {
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${fan.identity}`, 'queue-token': fan.queueToken },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as { data?: Record<string, unknown> | null; errors?: Array<{ extensions?: { code?: string } }> };
    };
    const reserve = `mutation($s: ID!, $n: Int!) { reserveSeat(scheduleId: $s, seatNumber: $n) { id } }`;
    const seatsQuery = `query($s: ID!) { availableSeats(scheduleId: $s) { number } }`;

    const concertId = await newConcert(app, 'bench: booking');
    const warmSchedule = await newPerformance(app, concertId);
    const scheduleId = await newPerformance(app, concertId);
    const everyone = await fans(app, concertId, FANS);
    await app.queue.tick(concertId);
    await app.queue.assertActive(everyone[FANS - 1].queueToken, everyone[FANS - 1].userId);
    // Warm the path (and every fan's verified tokens) on another performance: 50 win one seat each
    // (of MAX_HOLDS_PER_USER), the rest lose.
    await Promise.all(everyone.map((fan, i) => call(fan, reserve, { s: warmSchedule, n: (i % SEATS) + 1 })));
    await Promise.all(everyone.slice(0, SEATS).map((fan) => call(fan, seatsQuery, { s: scheduleId })));

    const latencies: number[] = [];
    // PostgreSQL's own count of this database's transactions (every statement outside one is one).
    const transactions = async () => {
      const [row] = await app.orm.em.getConnection().execute<{ n: string }[]>(`select xact_commit + xact_rollback as n from pg_stat_database where datname = current_database()`);
      return Number(row.n);
    };
    const sleepMs = (ms: number) => new Promise((r) => setTimeout(r, ms));
    // Backends report their counts at most once a second.
    await sleepMs(1500);
    const transactionsBefore = await transactions();
    const cpuBefore = cpuSeconds(server.child.pid!);
    const started = performance.now();
    const outcomes = await Promise.all(
      everyone.map(async (fan, i) => {
        const t = performance.now();
        const body = await call(fan, reserve, { s: scheduleId, n: (i % SEATS) + 1 });
        latencies.push(performance.now() - t);
        return body.data?.reserveSeat ? 'won' : (body.errors?.[0]?.extensions?.code ?? 'unknown');
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const serverCpuUsPerCall = Math.round(((cpuSeconds(server.child.pid!) - cpuBefore) * 1e6) / FANS);
    await sleepMs(1500);
    // Less this process's own two reads of the count.
    const databaseTransactions = (await transactions()) - transactionsBefore - 1;
    const count = (what: string) => outcomes.filter((o) => o === what).length;
    const [{ n: heldRows }] = await app.orm.em
      .getConnection()
      .execute<{ n: string }[]>(`select count(*) as n from reservation r join seat s on s.id = r.seat_id where s.schedule_id = ?`, [scheduleId]);
    const won = count('won');
    const exact = won === SEATS && Number(heldRows) === SEATS;
    const latencyMs = percentiles(latencies);
    return {
      rows: [
        { id: '6', figure: `${FANS} simultaneous reserveSeat over ${SEATS} seats: holds won`, value: won, unit: 'holds', target: { text: `exactly ${SEATS}`, met: exact } },
        { id: '6', figure: `reserveSeat p99; server CPU ${serverCpuUsPerCall} µs/call, ${databaseTransactions} PostgreSQL transactions`, value: latencyMs.p99, unit: 'ms', target: { text: '< 500 ms', met: latencyMs.p99 < 500 } },
      ],
      detail: {
        calls: FANS,
        seats: SEATS,
        holdsWon: won,
        seatUnavailable: count('SEAT_UNAVAILABLE'),
        other: FANS - won - count('SEAT_UNAVAILABLE'),
        reservationRows: Number(heldRows),
        exactlyOnePerSeat: exact,
        wallSeconds: Math.round(seconds * 100) / 100,
        serverCpuUsPerCall,
        databaseTransactions,
        latencyMs,
      },
    };
  } finally {
    await app.close();
    await server.stop();
  }
}
