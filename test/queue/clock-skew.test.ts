import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueuePositionDocument, QueueStatusDocument } from '../generated/graphql.js';
import { createConcert } from '../support/factories.js';
import { gql, subscribe, wsClient } from '../support/graphql.js';
import { joinLine, type Caller } from '../support/queue.js';
import { spawnServer, type ServerProcess } from '../support/process.js';
import { startTestServer, testEnv, type TestServer } from '../support/server.js';
import { concertQueueKeys } from '../../src/queue/keys.js';

// Two server processes on one line whose clocks disagree by a minute: one runs 30 s behind, the
// other (its own OS process) 30 s ahead. The line keeps Redis time, so neither clock matters.
// A new line opens after QUEUE_RESTORE_GRACE_SECONDS: everyone is watching before the first admission.
const shared = { QUEUE_MAX_ACTIVE: '2', QUEUE_ACTIVE_SECONDS: '1', QUEUE_ADMIT_INTERVAL_MS: '50', QUEUE_RESTORE_GRACE_SECONDS: '5' };
let behind: TestServer;
let ahead: ServerProcess;
beforeAll(async () => {
  const prefix = testEnv().REDIS_PREFIX;
  behind = await startTestServer({ ...shared, REDIS_PREFIX: prefix, CLOCK_OFFSET_MS: '-30000' });
  ahead = await spawnServer({ ...shared, REDIS_PREFIX: prefix, CLOCK_OFFSET_MS: '30000' });
});
afterAll(async () => {
  await ahead?.stop();
  await behind?.stop();
});

interface Seen {
  activeAt?: number;
  activeUntil?: number;
  expiredAt?: number;
  /** queueStatus through the other process just after activeUntil (the gate's check). */
  statusAfterUntil?: string;
}

describe('server processes whose clocks disagree', () => {
  it('admit in join order, never above the cap, and expire each admission after QUEUE_ACTIVE_SECONDS of real time', async () => {
    const concert = await createConcert(behind.app);
    const processes = [behind, { wsUrl: ahead.wsUrl, url: ahead.url }];
    const line: Caller[] = [];
    // Joins alternate between the two processes, one after another: this is the join order.
    for (let i = 0; i < 6; i++) line.push(await joinLine({ ...behind, url: processes[i % 2].url }, concert.id));

    const seen: Seen[] = line.map(() => ({}));
    const clients = line.map((c, i) => wsClient(processes[i % 2].wsUrl, { authorization: `Bearer ${c.token}`, queueToken: c.queueToken }));
    const subs = line.map((_, i) => subscribe(clients[i], QueuePositionDocument, { concertId: concert.id }));
    const firsts = await Promise.all(subs.map(async (sub) => (await sub.next(10_000)).data!.queuePosition));
    expect(firsts.map((t) => t.status)).toEqual(Array(6).fill('WAITING'));
    const watched = line.map(async (caller, i) => {
      const sub = subs[i];
      const checks: Array<Promise<void>> = [];
      for (;;) {
        const ticket = (await sub.next(20_000)).data!.queuePosition;
        const at = Date.now();
        if (ticket.status === 'ACTIVE') {
          const until = new Date(ticket.activeUntil!).getTime();
          Object.assign(seen[i], { activeAt: at, activeUntil: until });
          const other = processes[(i + 1) % 2].url;
          checks.push(
            new Promise((r) => setTimeout(r, Math.max(0, until + 10 - Date.now()))).then(async () => {
              seen[i].statusAfterUntil = (await gql(other, QueueStatusDocument, { concertId: concert.id }, caller)).data!.queueStatus.status;
            }),
          );
        }
        if (ticket.status === 'EXPIRED') seen[i].expiredAt = at;
        if (ticket.status !== 'WAITING' && ticket.status !== 'ACTIVE') break;
      }
      await Promise.all(checks);
    });
    const activeCounts: number[] = [];
    let done = false;
    const all = Promise.all(watched).finally(() => (done = true));
    while (!done) {
      activeCounts.push(await behind.app.redis.zcard(concertQueueKeys(concert.id).active));
      await new Promise((r) => setTimeout(r, 20));
    }
    await all;
    await Promise.all(clients.map((c) => c.dispose()));

    expect(Math.max(...activeCounts)).toBeLessThanOrEqual(2);
    // Admitted in join order: each admission ends no earlier than the one of whoever joined before.
    const untils = seen.map((s) => s.activeUntil!);
    expect(untils).toEqual([...untils].sort((a, b) => a - b));
    for (const s of seen) {
      // activeUntil is QUEUE_ACTIVE_SECONDS after the admission in real time, not 30 s off either way:
      // never more than 1 s after the holder heard of the admission (pushes may be late, not early)...
      expect(s.activeUntil! - s.activeAt!).toBeLessThanOrEqual(1000);
      expect(s.activeUntil! - s.activeAt!).toBeGreaterThan(-5000);
      // ...the end is pushed once it has passed, not before...
      expect(s.expiredAt!).toBeGreaterThanOrEqual(s.activeUntil!);
      expect(s.expiredAt! - s.activeUntil!).toBeLessThan(5000);
      // ...and the other process's gate agrees the moment it has passed, tick or no tick.
      expect(s.statusAfterUntil).toBe('EXPIRED');
    }
  });
});
