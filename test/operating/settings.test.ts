import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { QueuePositionDocument, WaitingRoomChangedDocument, WaitingRoomDocument } from '../generated/graphql.js';
import { createConcert } from '../support/factories.js';
import { errorCode, gql, subscribe, wsClient } from '../support/graphql.js';
import { twoServerProcesses } from '../support/process.js';
import { joinLine, waitForStatus } from '../support/queue.js';
import { identityToken } from '../support/server.js';
import { concertQueueKeys } from '../../src/queue/keys.js';
import { operatorToken, readRoom, sleep, updateRoom } from './support.js';

const both = twoServerProcesses({ QUEUE_ADMIT_INTERVAL_MS: '50', QUEUE_MAX_ACTIVE: '100', QUEUE_ACTIVE_SECONDS: '600' });

describe('operating a waiting room', () => {
  it('is for operators only: anyone else gets FORBIDDEN from the query, the mutation and the subscription', async () => {
    const { server } = both;
    const concert = await createConcert(server.app);
    const fan = await identityToken(server);
    expect(errorCode(await gql(server.url, WaitingRoomDocument, { concertId: concert.id }, { token: fan }))).toBe('FORBIDDEN');
    await expect(updateRoom(server, fan, concert.id, { paused: true })).rejects.toThrow('FORBIDDEN');
    const client = wsClient(server.wsUrl, { authorization: `Bearer ${fan}` });
    try {
      expect(errorCode(await subscribe(client, WaitingRoomChangedDocument, { concertId: concert.id }).next())).toBe('FORBIDDEN');
    } finally {
      await client.dispose();
    }
    expect(errorCode(await gql(server.url, WaitingRoomDocument, { concertId: concert.id }))).toBe('UNAUTHENTICATED');
    const operator = await operatorToken(server);
    expect(errorCode(await gql(server.url, WaitingRoomDocument, { concertId: randomUUID() }, { token: operator }))).toBe('NOT_FOUND');
    await expect(updateRoom(server, operator, concert.id, { maxActive: 0 })).rejects.toThrow('BAD_USER_INPUT');
    await expect(updateRoom(server, operator, concert.id, { activeSeconds: 86_401 })).rejects.toThrow('BAD_USER_INPUT');
    expect(await readRoom(server, operator, concert.id)).toMatchObject({ paused: false, maxActive: 100, activeSeconds: 600, opensAt: null, soldOut: false, waiting: 0, active: 0 });
  });

  it('a change made through one process holds in every process on the next tick (maxActive, activeSeconds), and is back after Redis lost the line', async () => {
    const { server, other } = both;
    const operator = await operatorToken(server);
    const concert = await createConcert(server.app);
    const room = await updateRoom(other, operator, concert.id, { maxActive: 2, activeSeconds: 120 });
    expect(room).toMatchObject({ maxActive: 2, activeSeconds: 120, paused: false });
    const fans = [];
    for (let i = 0; i < 6; i++) fans.push(await joinLine(i % 2 ? server : { ...server, url: other.url }, concert.id));
    await waitForStatus(server, concert.id, fans[0], 'ACTIVE');
    await sleep(300);
    const keys = concertQueueKeys(concert.id);
    expect(await server.app.redis.zcard(keys.active)).toBe(2);
    const active = await waitForStatus(server, concert.id, fans[1], 'ACTIVE');
    const until = new Date(active.activeUntil!).getTime() - Date.now();
    expect(until).toBeGreaterThan(100_000);
    expect(until).toBeLessThanOrEqual(120_000);
    expect(await readRoom(server, operator, concert.id)).toMatchObject({ maxActive: 2, activeSeconds: 120, waiting: 4, active: 2 });

    // Redis loses the line: the settings come back from PostgreSQL with the first holder who returns.
    await updateRoom(server, operator, concert.id, { paused: true });
    await server.app.redis.del(...Object.values(keys));
    expect((await waitForStatus(other as never, concert.id, fans[3], 'WAITING')).estimatedWaitSeconds).toBeNull();
    expect(await readRoom(other, operator, concert.id)).toMatchObject({ maxActive: 2, activeSeconds: 120, paused: true });
  });

  it('pause stops admission in every process (WAITING tickets keep their places, no estimate, pushed to subscribers); resume admits again', async () => {
    const { server, other } = both;
    const operator = await operatorToken(server);
    const concert = await createConcert(server.app);
    await updateRoom(server, operator, concert.id, { maxActive: 1 });
    const first = await joinLine(server, concert.id);
    await waitForStatus(server, concert.id, first, 'ACTIVE');
    const second = await joinLine(server, concert.id);
    const client = wsClient(other.wsUrl, { authorization: `Bearer ${second.token}`, queueToken: second.queueToken });
    try {
      const sub = subscribe(client, QueuePositionDocument, { concertId: concert.id });
      expect((await sub.next()).data!.queuePosition).toMatchObject({ status: 'WAITING', position: 1 });
      const paused = await updateRoom(other, operator, concert.id, { paused: true });
      expect(paused).toMatchObject({ paused: true, estimatedDrainSeconds: null });
      const pushed = (await sub.next()).data!.queuePosition;
      expect(pushed).toMatchObject({ status: 'WAITING', position: 1, estimatedWaitSeconds: null });
      // The admission the first one holds ends; nobody takes the slot while paused.
      await server.app.queue.complete(concert.id, (await server.app.queue.status(first.queueToken, first.userId)).tokenId);
      await sleep(500);
      expect((await waitForStatus(server, concert.id, second, 'WAITING')).estimatedWaitSeconds).toBeNull();
      await updateRoom(server, operator, concert.id, { paused: false });
      // Resumed: WAITING again with an estimate, then admitted. (When the admission's event reaches
      // the subscriber before the resume's, it is read afresh and told ACTIVE at once: a subscriber
      // is pushed its state now, not every step on the way.)
      let next = (await sub.next()).data!.queuePosition;
      while (next.status === 'WAITING') {
        expect(next.estimatedWaitSeconds).not.toBeNull();
        next = (await sub.next()).data!.queuePosition;
      }
      expect(next.status).toBe('ACTIVE');
    } finally {
      await client.dispose();
    }
  });

  it('waitingRoomChanged pushes the live figures after ticks that changed them, once per tick at most', async () => {
    const { server, other } = both;
    const operator = await operatorToken(server);
    const concert = await createConcert(server.app);
    await updateRoom(server, operator, concert.id, { maxActive: 3, paused: true });
    const client = wsClient(other.wsUrl, { authorization: `Bearer ${operator}` });
    try {
      const sub = subscribe(client, WaitingRoomChangedDocument, { concertId: concert.id });
      expect((await sub.next()).data!.waitingRoomChanged).toMatchObject({ concertId: concert.id, waiting: 0, active: 0, paused: true, maxActive: 3 });
      await Promise.all(Array.from({ length: 10 }, () => joinLine(server, concert.id)));
      let view = (await sub.next()).data!.waitingRoomChanged;
      while (view.waiting < 10) view = (await sub.next()).data!.waitingRoomChanged;
      expect(view).toMatchObject({ waiting: 10, active: 0, paused: true, estimatedDrainSeconds: null });
      await updateRoom(server, operator, concert.id, { paused: false });
      while (view.active < 3 || view.paused) view = (await sub.next()).data!.waitingRoomChanged;
      expect(view).toMatchObject({ waiting: 7, active: 3, paused: false });
    } finally {
      await client.dispose();
    }
  });
});
