import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConcertsDocument, MyReservationsDocument } from '../generated/graphql.js';
import { createConcert } from '../support/factories.js';
import { gql } from '../support/graphql.js';
import { identityToken, startTestServer, type TestServer } from '../support/server.js';
import { countStatements } from '../support/statements.js';

let server: TestServer;
beforeAll(async () => {
  // testEnv turns the hold sweeper off, so only the request's own statements are counted.
  server = await startTestServer();
});
afterAll(() => server.stop());

/** A user (already provisioned) with `n` paid reservations on one schedule. */
async function userWithReservations(n: number) {
  const userId = randomUUID();
  const token = await identityToken(server, userId);
  await gql(server.url, MyReservationsDocument, {}, { token });
  const concert = await createConcert(server.app, { schedules: 1 });
  await server.app.orm.em.getConnection().execute(
    `insert into reservation (user_id, seat_id, status, price)
     select ?, s.id, 'CONFIRMED', s.price from seat s where s.schedule_id = ? and s.number <= ?`,
    [userId, concert.schedules[0].id, n],
  );
  return { token };
}

describe('nested fields are batched', () => {
  it('myReservations with their seats costs the same few statements for 1 or 20 reservations', async () => {
    const one = await userWithReservations(1);
    const twenty = await userWithReservations(20);
    let listed = 0;
    const forTwenty = await countStatements(server, async () => {
      listed = (await gql(server.url, MyReservationsDocument, {}, twenty)).data!.myReservations.length;
    });
    const forOne = await countStatements(server, () => gql(server.url, MyReservationsDocument, {}, one));
    expect(listed).toBe(20);
    expect(forTwenty).toBe(forOne);
    // The reservations, then their seats in one batch.
    expect(forTwenty).toBe(2);
  });

  it('concerts with their schedules and seat counts costs the same few statements for 3 concerts x 10 schedules', async () => {
    const token = await identityToken(server);
    await gql(server.url, ConcertsDocument, {}, { token });
    const before = await countStatements(server, () => gql(server.url, ConcertsDocument, {}, { token }));
    for (let i = 0; i < 3; i++) await createConcert(server.app, { schedules: 10 });
    let schedules = 0;
    const after = await countStatements(server, async () => {
      const concerts = (await gql(server.url, ConcertsDocument, {}, { token })).data!.concerts;
      schedules = concerts.flatMap((c) => c.schedules).length;
    });
    expect(schedules).toBeGreaterThanOrEqual(30);
    expect(after).toBe(before);
    // Concerts, their schedules in one batch, the seat counts in one batch.
    expect(after).toBe(3);
  });
});
