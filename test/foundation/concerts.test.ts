import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConcertsDocument } from '../generated/graphql.js';
import { createConcert } from '../support/factories.js';
import { gql } from '../support/graphql.js';
import { identityToken, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

describe('concerts', () => {
  it('lists concerts with their upcoming schedules, soonest first, each with 50 available seats', async () => {
    const concert = await createConcert(server.app, { schedules: 3, pastSchedules: 1 });
    const result = await gql(server.url, ConcertsDocument, {}, { token: await identityToken(server) });
    expect(result.errors).toBeUndefined();
    const listed = result.data!.concerts.find((c) => c.id === concert.id)!;
    expect(listed.title).toBe(concert.title);
    expect(listed.schedules.map((s) => s.id)).toEqual(concert.schedules.map((s) => s.id));
    expect(listed.schedules.every((s) => s.concertId === concert.id && s.availableSeatCount === 50)).toBe(true);
    expect(listed.schedules.map((s) => new Date(s.startsAt).toISOString())).toEqual(concert.schedules.map((s) => s.startsAt.toISOString()));
  });

  it('seeds demo concerts once, even when two processes start together', async () => {
    const before = await server.app.orm.em.getConnection().execute<{ n: string }[]>('select count(*) as n from concert');
    const seeded = await Promise.all([server.app.catalogue.seedDemo(server.app.orm.em.fork()), server.app.catalogue.seedDemo(server.app.orm.em.fork())]);
    // The shared test database already has concerts, so the seed must leave it alone.
    expect(seeded).toEqual([false, false]);
    const after = await server.app.orm.em.getConnection().execute<{ n: string }[]>('select count(*) as n from concert');
    expect(after[0].n).toBe(before[0].n);
  });
});
