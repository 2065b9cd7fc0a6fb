import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PayReservationDocument } from '../generated/graphql.js';
import { charge, hold } from '../support/booking.js';
import { createConcert } from '../support/factories.js';
import { gql } from '../support/graphql.js';
import { admittedCaller } from '../support/queue.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium, snap, watchOrigins } from './support/browser.js';
import { readEditor, runOperation, waitForResponse, writeEditor, writeOperation } from './support/graphiql.js';

let server: TestServer;
let browser: Browser;
let origin: string;
beforeAll(async () => {
  // One admission at a time, so the page's subscription has a change to show.
  server = await startTestServer({ QUEUE_MAX_ACTIVE: '1', QUEUE_ADMIT_INTERVAL_MS: '100' });
  origin = new URL(server.url).origin;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('explorer (GET /graphql in a browser)', () => {
  it('loads only from its own origin, starts with a working identity and runs queries, mutations and subscriptions', async () => {
    const concert = await createConcert(server.app);
    const page = await browser.newPage();
    const seen = watchOrigins(page, origin);

    await page.goto(`${origin}/graphql`);
    await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
    expect(await readEditor(page, 'headers')).toMatch(/"Authorization": "Bearer ey/);

    // The default document is the concerts query; one click runs it with the demo identity.
    await runOperation(page);
    await waitForResponse(page, new RegExp(concert.title));
    await snap(page, 'explorer-1-concerts');

    // Someone else holds the only admission, so the page's ticket waits at position 1.
    const blocker = await admittedCaller(server, concert.id);
    await writeOperation(page, `mutation Join { issueQueueToken(concertId: "${concert.id}") { token status position } }`);
    await runOperation(page);
    const joined = JSON.parse(await waitForResponse(page, /"token"/)) as { data: { issueQueueToken: { token: string; status: string } } };
    expect(joined.data.issueQueueToken.status).toBe('WAITING');

    const headers = JSON.parse(await readEditor(page, 'headers')) as Record<string, string>;
    await writeEditor(page, 'headers', JSON.stringify({ ...headers, 'Queue-Token': joined.data.issueQueueToken.token }, null, 2));
    await writeOperation(page, `subscription Watch { queuePosition(concertId: "${concert.id}") { status position } }`);
    await runOperation(page);
    await waitForResponse(page, /"status": "WAITING",\s*"position": 1/);
    await snap(page, 'explorer-2-subscription-waiting');

    // The blocker pays; the push over the page's WebSocket admits the page's ticket.
    const reservation = await hold(server, blocker, concert.schedules[0].id, 1);
    await charge(server, blocker, reservation.price);
    const paid = await gql(server.url, PayReservationDocument, { reservationId: reservation.id, idempotencyKey: null }, blocker);
    expect(paid.errors).toBeUndefined();
    await waitForResponse(page, /"status": "ACTIVE"/);
    await snap(page, 'explorer-3-subscription-admitted');

    expect(seen.sockets.length).toBeGreaterThan(0);
    expect(seen.sockets.every((url) => url === `${origin.replace(/^http/, 'ws')}/graphql`)).toBe(true);
    expect(seen.foreign).toEqual([]);
    await page.close();
  });

  it('leaves GraphQL-over-HTTP GETs and POSTs to Apollo', async () => {
    const json = await fetch(`${origin}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect(await json.json()).toEqual({ data: { __typename: 'Query' } });
    const anyType = await fetch(`${origin}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: '*/*', 'apollo-require-preflight': 'true' } });
    expect(anyType.headers.get('content-type')).toMatch(/json/);
  });
});
