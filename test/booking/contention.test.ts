import { describe, expect, it } from 'vitest';
import { ReserveSeatDocument } from '../generated/graphql.js';
import { findInconsistencies } from '../../src/consistency.js';
import { createConcert } from '../support/factories.js';
import { errorCode, gql } from '../support/graphql.js';
import { admittedCaller } from '../support/queue.js';
import { twoServerProcesses } from '../support/process.js';

const both = twoServerProcesses({ QUEUE_ADMIT_INTERVAL_MS: '50', QUEUE_MAX_ACTIVE: '1000' });

describe('one seat, many fans', () => {
  it('gives the seat to exactly one of 200 simultaneous attempts arriving through two server processes', async () => {
    const { server, other } = both;
    const concert = await createConcert(server.app);
    const fans = await Promise.all(Array.from({ length: 200 }, () => admittedCaller(server, concert.id)));
    const urls = [server.url, other.url];
    const results = await Promise.all(
      fans.map((fan, i) => gql(urls[i % 2], ReserveSeatDocument, { scheduleId: concert.schedules[0].id, seatNumber: 25 }, fan)),
    );
    const won = results.filter((r) => r.data?.reserveSeat);
    expect(won).toHaveLength(1);
    expect(results.filter((r) => errorCode(r) === 'SEAT_UNAVAILABLE')).toHaveLength(199);
    const [{ n }] = await server.app.orm.em.getConnection().execute<{ n: string }[]>(
      `select count(*) as n from reservation r join seat s on s.id = r.seat_id where s.schedule_id = ? and s.number = 25`,
      [concert.schedules[0].id],
    );
    expect(Number(n)).toBe(1);
    expect(await findInconsistencies(server.app.orm.em, { concertId: concert.id, userIds: fans.map((f) => f.userId) })).toEqual([]);
  });
});
