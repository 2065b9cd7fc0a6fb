import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, gql, subscribe, wsClient } from '../support/graphql.js';
import { identityToken, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer();
  token = await identityToken(server);
});
afterAll(() => server.stop());

const post = (body: string, accept = 'application/json') =>
  fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', accept, authorization: `Bearer ${token}` }, body });

const overTokenLimit = `{ ${'a: __typename '.repeat(1500)}}`;

describe('a client mistake is a 4xx with the right code, never a 5xx', () => {
  it.each([
    ['a document that does not parse', JSON.stringify({ query: '{ concerts { id ' }), 400, 'GRAPHQL_PARSE_FAILED'],
    ['a document over the token limit', JSON.stringify({ query: overTokenLimit }), 400, 'GRAPHQL_PARSE_FAILED'],
    ['a field that does not exist', JSON.stringify({ query: '{ nope }' }), 400, 'GRAPHQL_VALIDATION_FAILED'],
    ['variables that are not an object', JSON.stringify({ query: '{ concerts { id } }', variables: 'x' }), 400, 'BAD_REQUEST'],
    ['a body that is not JSON', '{"query": ', 400, 'BAD_REQUEST'],
  ])('%s', async (_what, body, status, code) => {
    for (const accept of ['application/json', 'application/graphql-response+json']) {
      const res = await post(body, accept);
      expect(res.status).toBe(status);
      const json = (await res.json()) as { errors: Array<{ extensions: { code: string } }> };
      expect(json.errors[0].extensions.code).toBe(code);
      expect(JSON.stringify(json)).not.toMatch(/at .*\.js:\d+/);
    }
  });

  it('a request body over 100 kB is 413', async () => {
    const res = await post(JSON.stringify({ query: `{ concerts { id } } #${'x'.repeat(120_000)}` }));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it.each([
    ['a compressed body', { 'content-encoding': 'gzip' }],
    ['a charset other than UTF-8', { 'content-type': 'application/json; charset=utf-16' }],
  ])('%s is 415 BAD_REQUEST, not read', async (_what, headers) => {
    const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('every answer, with data or only errors, says it must not be cached', async () => {
    for (const body of [JSON.stringify({ query: '{ __typename }' }), JSON.stringify({ query: '{ nope }' })]) {
      const res = await post(body);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('over WebSocket, a document that does not parse or is over the limit gets the same codes', async () => {
    const client = wsClient(server.wsUrl, { authorization: `Bearer ${token}` });
    try {
      expect(errorCode(await subscribe(client, '{ concerts { id ').next())).toBe('GRAPHQL_PARSE_FAILED');
      expect(errorCode(await subscribe(client, overTokenLimit).next())).toBe('GRAPHQL_PARSE_FAILED');
      expect(errorCode(await subscribe(client, '{ nope }').next())).toBe('GRAPHQL_VALIDATION_FAILED');
    } finally {
      await client.dispose();
    }
  });

  it('a malformed id is BAD_USER_INPUT naming the argument', async () => {
    const r = await gql(server.url, 'mutation { issueQueueToken(concertId: "nope") { token } }', {}, { token });
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.field).toBe('concertId');
  });
});
