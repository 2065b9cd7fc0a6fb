import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createConcert } from '../support/factories.js';
import { gql } from '../support/graphql.js';
import { admittedCaller } from '../support/queue.js';
import { identityToken, startTestServer, type TestServer } from '../support/server.js';
import { TcpProxy } from '../support/tcp-proxy.js';

let server: TestServer;
let pgProxy: TcpProxy;
beforeAll(async () => {
  const db = new URL(inject('databaseUrl'));
  pgProxy = await new TcpProxy(db.hostname, Number(db.port || 5432)).start();
  db.host = `127.0.0.1:${pgProxy.port}`;
  server = await startTestServer({ QUEUE_ADMIT_INTERVAL_MS: '50', DATABASE_URL: db.toString() });
});
afterAll(async () => {
  await server.stop();
  await pgProxy.stop();
});

/** The same operation four times: every answer equal to the first. */
async function sameEveryCall(name: string, query: string, variables: Record<string, unknown>, caller: { token?: string; queueToken?: string }) {
  const answers = [];
  for (let call = 0; call < 4; call++) answers.push(await gql(server.url, query, variables, caller));
  for (const answer of answers.slice(1)) expect(answer, name).toEqual(answers[0]);
  return answers[0];
}

/**
 * Queries and mutations run through graphql-js on their first request and compiled (graphql-jit)
 * from the second on (src/schema/compiled-execution.ts): a client must not be able to tell which.
 */
describe('an operation answers the same whether it runs compiled or not', () => {
  it('with data, domain errors, bad variables and without identity, call after call', async () => {
    const concert = await createConcert(server.app);
    const fan = await admittedCaller(server, concert.id);
    const token = await identityToken(server);
    const cases: Array<[string, string, Record<string, unknown>, { token?: string; queueToken?: string }]> = [
      ['nested data', 'query { concerts { title schedules { availableSeatCount } } }', {}, { token }],
      ['a gated read', 'query($s: ID!) { availableSeats(scheduleId: $s) { number price status scheduleId } }', { s: concert.schedules[0].id }, fan],
      ['NOT_FOUND from a resolver', 'mutation($c: ID!) { issueQueueToken(concertId: $c) { token } }', { c: randomUUID() }, { token }],
      ['BAD_USER_INPUT from a resolver', 'mutation($c: ID!) { issueQueueToken(concertId: $c) { token } }', { c: 'nope' }, { token }],
      ['a variable of the wrong type', 'query($s: ID!) { availableSeats(scheduleId: $s) { number } }', { s: 42.5 }, fan],
      ['a missing variable', 'query($s: ID!) { availableSeats(scheduleId: $s) { number } }', {}, fan],
      ['no identity', 'query { myReservations { id } }', {}, {}],
      ['QUEUE_TOKEN_INVALID', 'query($s: ID!) { availableSeats(scheduleId: $s) { number } }', { s: concert.schedules[0].id }, { token }],
    ];
    for (const [name, query, variables, caller] of cases) await sameEveryCall(name, query, variables, caller);
  });

  it('with an error that is not one of ours: PostgreSQL unreachable is SERVICE_UNAVAILABLE at the field, every time', async () => {
    const token = await identityToken(server);
    const query = 'query { concerts { title } }';
    expect((await gql(server.url, query, {}, { token })).errors).toBeUndefined();
    await pgProxy.stop();
    try {
      const answer = await sameEveryCall('concerts without PostgreSQL', query, {}, { token });
      expect(answer.errors).toMatchObject([{ path: ['concerts'], extensions: { code: 'SERVICE_UNAVAILABLE' } }]);
    } finally {
      await pgProxy.start();
    }
  });
});
