import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findInconsistencies } from '../../src/consistency.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { ChargeBalanceDocument, PayReservationDocument, ReserveSeatDocument } from '../generated/graphql.js';
import { charge, hold, sleep } from '../support/booking.js';
import { createConcert, type ConcertFixture } from '../support/factories.js';
import { fileDatabaseUrl } from '../support/file-database.js';
import { gql } from '../support/graphql.js';
import { spawnServer, type ServerProcess } from '../support/process.js';
import { admittedCaller, type Caller } from '../support/queue.js';
import { startTestServer, testEnv, type TestServer } from '../support/server.js';

// Holds last 2 s and the sweeper runs every 100 ms, so after the restart every hold that was
// left behind is released within a few seconds, or the check below finds it stuck.
const shared = { REDIS_PREFIX: testEnv().REDIS_PREFIX, QUEUE_ADMIT_INTERVAL_MS: '50', QUEUE_MAX_ACTIVE: '1000', SEAT_HOLD_SECONDS: '2', HOLD_SWEEP_INTERVAL_MS: '100' };
const FANS = 40;

let server: TestServer;
let victim: ServerProcess;
let concert: ConcertFixture;
let fans: Caller[];

beforeAll(async () => {
  server = await startTestServer({ ...shared, HOLD_SWEEP_INTERVAL_MS: '3600000' });
  concert = await createConcert(server.app, { schedules: 3, price: 10_000 });
  fans = await Promise.all(Array.from({ length: FANS }, () => admittedCaller(server, concert.id)));
});
afterAll(async () => {
  await victim?.stop();
  await server.stop();
});

describe('a server process killed with SIGKILL in the middle of payments, charges and holds', () => {
  it('leaves every balance equal to its ledger, no seat sold twice, every sale paid exactly once, and no hold stuck once restarted', async () => {
    const [s1, s2, s3] = concert.schedules.map((s) => s.id);
    // Each fan has money and one hold to pay; the seats of s2 are raced for by everyone.
    const holds = [];
    for (const [i, fan] of fans.entries()) {
      await charge(server, fan, 50_000);
      holds.push(await hold(server, fan, s1, i + 1));
    }
    // Longer holds for the ones to be paid, so they are still live when the calls arrive.
    await server.app.orm.em.getConnection().execute(`update reservation set expires_at = now() + interval '1 minute' where status = 'HELD'; update seat set held_until = now() + interval '1 minute' where status = 'HELD'`);

    victim = await spawnServer(shared);
    const url = victim.url;
    let answered = 0;
    const send = (call: Promise<unknown>) =>
      call.then(
        () => ++answered && 'answered',
        () => 'cut',
      );
    const calls: Array<Promise<unknown>> = [];
    for (const [i, fan] of fans.entries()) {
      calls.push(send(gql(url, PayReservationDocument, { reservationId: holds[i].id, idempotencyKey: `pay-${i}` }, fan)));
      calls.push(send(gql(url, ChargeBalanceDocument, { amount: 1_000 + i }, fan)));
      calls.push(send(gql(url, ChargeBalanceDocument, { amount: 7 }, fan)));
      calls.push(send(gql(url, ReserveSeatDocument, { scheduleId: s2, seatNumber: (i % 10) + 1 }, fan)));
      calls.push(send(gql(url, ReserveSeatDocument, { scheduleId: s3, seatNumber: i + 1 }, fan)));
    }
    expect(calls).toHaveLength(200);
    // Killed while the 200 calls are in flight: some done, some half way, some not started.
    while (answered < 20) await sleep(2);
    victim.child.kill('SIGKILL');
    await victim.exited;
    const outcomes = await Promise.all(calls);
    // The kill really fell in the middle: some calls were answered, others cut off.
    expect(outcomes.filter((o) => o === 'cut').length).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o === 'answered').length).toBeGreaterThan(0);

    // Started again; its sweeper releases what the dead process left held.
    victim = await spawnServer(shared);
    await sleep(2_000 + 1_500);
    const scope = { concertId: concert.id, userIds: fans.map((f) => f.userId) };
    expect(await findInconsistencies(server.app.orm.em.fork(), scope, { sweepGraceSeconds: 1 })).toEqual([]);

    // The operators' check says the same about the whole database, and exits 0.
    const { stdout } = await promisify(execFile)(process.execPath, [resolve(PROJECT_ROOT, 'dist/scripts/check-consistency.js')], {
      env: { ...process.env, DATABASE_URL: fileDatabaseUrl },
    });
    expect(stdout).toMatch(/all \d+ rules hold/);
  });
});
