import { describe, expect, it } from 'vitest';
import { IssueQueueTokenDocument, QueuePositionDocument } from '../generated/graphql.js';
import { createConcert } from '../support/factories.js';
import { errorCode, gql, subscribe, wsClient } from '../support/graphql.js';
import { twoServerProcesses } from '../support/process.js';
import { joinLine, waitForStatus } from '../support/queue.js';
import { identityToken } from '../support/server.js';
import { Topic } from '../../src/events/bus.js';
import { unpackSeqs } from '../../src/queue/events.js';
import { operatorToken, readRoom, sleep } from './support.js';

const both = twoServerProcesses({ QUEUE_ADMIT_INTERVAL_MS: '50', QUEUE_MAX_ACTIVE: '1', QUEUE_ACTIVE_SECONDS: '600' });

describe('seats run out', () => {
  it('admission waits while no seat can be reserved and resumes when a hold runs out; once every seat is sold the line ends SOLD_OUT, announced once, and joins are refused', async () => {
    const { server, other } = both;
    const operator = await operatorToken(server);
    const concert = await createConcert(server.app, { schedules: 1, pastSchedules: 1 });
    const sql = server.app.orm.em.getConnection();
    // Every seat of the future performance held for a moment by someone else.
    await sql.execute(`update seat set status = 'HELD', held_until = now() + interval '8 seconds' where schedule_id = ?`, [concert.schedules[0].id]);
    const fans = [];
    for (let i = 0; i < 4; i++) fans.push(await joinLine(i % 2 ? server : { ...server, url: other.url }, concert.id));
    await sleep(600);
    for (const fan of fans) expect((await waitForStatus(server, concert.id, fan, 'WAITING')).position).not.toBeNull();

    // The holds run out: seats can be reserved again, and the head of the line gets in.
    await waitForStatus(server, concert.id, fans[0], 'ACTIVE', 15_000);

    let soldOutSeqs = 0;
    const unlisten = await server.app.bus.listen(Topic.QueueChanged, concert.id, (event) => {
      soldOutSeqs += unpackSeqs(event.soldOut).length;
    });
    const watcher = fans[3];
    const client = wsClient(other.wsUrl, { authorization: `Bearer ${watcher.token}`, queueToken: watcher.queueToken });
    try {
      const sub = subscribe(client, QueuePositionDocument, { concertId: concert.id });
      expect((await sub.next()).data!.queuePosition).toMatchObject({ status: 'WAITING', position: 3 });
      await sql.execute(`update seat set status = 'SOLD', held_until = null where schedule_id = ?`, [concert.schedules[0].id]);
      expect((await sub.next()).data!.queuePosition).toMatchObject({ status: 'SOLD_OUT', position: null });
      await expect(sub.next(2000)).rejects.toThrow('subscription completed');
      for (const fan of fans.slice(1)) await waitForStatus(other as never, concert.id, fan, 'SOLD_OUT');
      // The admitted fan keeps their admission.
      await waitForStatus(server, concert.id, fans[0], 'ACTIVE');
      expect(errorCode(await gql(other.url, IssueQueueTokenDocument, { concertId: concert.id }, { token: await identityToken(server) }))).toBe('SOLD_OUT');
      expect(await readRoom(other, operator, concert.id)).toMatchObject({ soldOut: true, waiting: 0, active: 1 });
      await sleep(300);
      // Two processes ticked the line; each of the three ended once.
      expect(soldOutSeqs).toBe(3);
    } finally {
      unlisten();
      await client.dispose();
    }
  });
});
