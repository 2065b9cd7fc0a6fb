/**
 * DATABASE_READ_URL: the reads that only inform come from the replica, everything that decides
 * from the primary. The "replica" here is a separate copy of the database that never receives
 * the primary's writes, so each read shows where it was served from (a replica lagging for ever).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { AvailableSeatsDocument, ConcertsDocument, ReserveSeatDocument } from '../generated/graphql.js';
import { hold } from '../support/booking.js';
import { createConcert } from '../support/factories.js';
import { errorCode, gql } from '../support/graphql.js';
import { admittedCaller } from '../support/queue.js';
import { identityToken, startTestServer, type TestServer } from '../support/server.js';
import type { App } from '../../src/app.js';
import { copyDatabase, createOrm, dropDatabase, type Orm } from '../../src/db/orm.js';

const replicaUrl = new URL(inject('templateDatabaseUrl'));
replicaUrl.pathname = `${replicaUrl.pathname.replace(/_template$/, '')}_r${randomBytes(4).toString('hex')}`;
let replica: Orm;
let server: TestServer;

beforeAll(async () => {
  await copyDatabase(inject('templateDatabaseUrl'), replicaUrl.toString());
  replica = await createOrm(replicaUrl.toString());
  server = await startTestServer({ DATABASE_READ_URL: replicaUrl.toString(), QUEUE_ADMIT_INTERVAL_MS: '50' });
});
afterAll(async () => {
  await server?.stop();
  await replica?.close(true);
  await dropDatabase(replicaUrl.toString());
});

describe('a read replica (DATABASE_READ_URL)', () => {
  it('serves the catalogue and the seat map, while joining, holding and the gate decide on the primary', async () => {
    const onPrimary = await createConcert(server.app);
    const onReplica = await createConcert({ orm: replica } as App);

    const token = await identityToken(server);
    const titles = (await gql(server.url, ConcertsDocument, {}, { token })).data!.concerts.map((c) => c.title);
    expect(titles).toContain(onReplica.title);
    expect(titles).not.toContain(onPrimary.title);

    // The line and the hold go to the primary, whatever the replica says.
    const fan = await admittedCaller(server, onPrimary.id);
    const scheduleId = onPrimary.schedules[0].id;
    await hold(server, fan, scheduleId, 9);
    const rival = await admittedCaller(server, onPrimary.id);
    expect(errorCode(await gql(server.url, ReserveSeatDocument, { scheduleId, seatNumber: 9 }, rival))).toBe('SEAT_UNAVAILABLE');
    // The seat map is read from the replica, which has never heard of this schedule.
    expect(errorCode(await gql(server.url, AvailableSeatsDocument, { scheduleId }, rival))).toBe('NOT_FOUND');
  });
});
