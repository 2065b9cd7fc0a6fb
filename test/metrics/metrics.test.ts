import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IssueQueueTokenDocument, PayReservationDocument, QueuePositionDocument } from '../generated/graphql.js';
import { charge, hold, sleep } from '../support/booking.js';
import { createConcert } from '../support/factories.js';
import { errorCode, gql, subscribe, wsClient } from '../support/graphql.js';
import { admittedCaller, joinLine, waitForStatus } from '../support/queue.js';
import { identityToken, startTestServer, type TestServer } from '../support/server.js';
import { operatorToken, updateRoom } from '../operating/support.js';

const METRICS_TOKEN = 'metrics-token-for-tests';
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    METRICS_TOKEN,
    QUEUE_ADMIT_INTERVAL_MS: '50',
    QUEUE_MAX_ACTIVE: '1',
    QUEUE_IDLE_SECONDS: '1',
    SEAT_HOLD_SECONDS: '2',
    HOLD_SWEEP_INTERVAL_MS: '100',
  });
});
afterAll(() => server.stop());

const metricsUrl = () => server.url.replace(/\/graphql$/, '/metrics');

async function scrape(): Promise<string> {
  const res = await fetch(metricsUrl(), { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(res.status).toBe(200);
  return res.text();
}

/** The value of one sample (0 when absent); labels as written in the exposition, e.g. `concert="..."`. */
function sample(text: string, name: string, labels = ''): number {
  const line = text.split('\n').find((l) => l.startsWith(labels ? `${name}{` : `${name} `) && (!labels || l.includes(labels)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

async function until(name: string, labels: string, atLeast: number): Promise<number> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = sample(await scrape(), name, labels);
    if (value >= atLeast) return value;
    if (Date.now() > deadline) throw new Error(`${name}{${labels}} stayed at ${value}, expected >= ${atLeast}`);
    await sleep(50);
  }
}

describe('GET /metrics', () => {
  it('needs the bearer token when METRICS_TOKEN is set', async () => {
    expect((await fetch(metricsUrl())).status).toBe(401);
    expect((await fetch(metricsUrl(), { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const text = await scrape();
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('counts admissions, expiries, cancellations, waiting and active per concert', async () => {
    const operator = await operatorToken(server);
    const concert = await createConcert(server.app);
    const c = `concert="${concert.id}"`;
    await updateRoom(server, operator, concert.id, { activeSeconds: 1 });
    const first = await joinLine(server, concert.id);
    await waitForStatus(server, concert.id, first, 'ACTIVE');
    expect(await until('boxoffice_queue_admitted_total', c, 1)).toBe(1);
    const second = await joinLine(server, concert.id);
    const silent = await joinLine(server, concert.id);
    // Polls (a sign of life) until admitted; the silent one is cancelled meanwhile.
    const secondAdmitted = waitForStatus(server, concert.id, second, 'ACTIVE');
    const text = await scrape();
    expect(sample(text, 'boxoffice_queue_waiting', c)).toBe(2);
    expect(sample(text, 'boxoffice_queue_active', c)).toBe(1);
    await waitForStatus(server, concert.id, first, 'EXPIRED');
    expect(await until('boxoffice_queue_expired_total', c, 1)).toBe(1);
    await secondAdmitted;
    expect(await until('boxoffice_queue_admitted_total', c, 2)).toBe(2);
    expect(await until('boxoffice_queue_cancelled_total', c, 1)).toBe(1);
    expect((await server.app.queue.status(silent.queueToken, silent.userId)).status).toBe('CANCELLED');
  });

  it('counts holds, expired holds, payments and their amounts, completed tickets and tickets ended SOLD_OUT', async () => {
    const concert = await createConcert(server.app, { schedules: 1, price: 70_000 });
    const c = `concert="${concert.id}"`;
    const before = await scrape();
    const fan = await admittedCaller(server, concert.id);
    await charge(server, fan, 200_000);
    const kept = await hold(server, fan, concert.schedules[0].id, 1);
    await hold(server, fan, concert.schedules[0].id, 2);
    expect(await until('boxoffice_holds_total', '', sample(before, 'boxoffice_holds_total') + 2)).toBe(sample(before, 'boxoffice_holds_total') + 2);
    const paid = await gql(server.url, PayReservationDocument, { reservationId: kept.id, idempotencyKey: randomUUID() }, fan);
    expect(paid.errors).toBeUndefined();
    // The other hold runs out and the sweeper releases it.
    await until('boxoffice_holds_expired_total', '', sample(before, 'boxoffice_holds_expired_total') + 1);
    const text = await scrape();
    expect(sample(text, 'boxoffice_payments_total')).toBe(sample(before, 'boxoffice_payments_total') + 1);
    expect(sample(text, 'boxoffice_payments_amount_krw_total')).toBe(sample(before, 'boxoffice_payments_amount_krw_total') + 70_000);

    // Everything sold while one fan waits: that ticket ends SOLD_OUT.
    const waiting = await joinLine(server, concert.id);
    await server.app.orm.em.getConnection().execute(`update seat set status = 'SOLD', held_until = null where schedule_id = ?`, [concert.schedules[0].id]);
    await waitForStatus(server, concert.id, waiting, 'SOLD_OUT');
    expect(await until('boxoffice_queue_sold_out_total', c, 1)).toBe(1);
    // The payment did not complete the ticket: the fan held another seat then.
    expect(sample(await scrape(), 'boxoffice_queue_completed_total', c)).toBe(0);
  });

  it('counts a payment that completes its ticket', async () => {
    const concert = await createConcert(server.app, { schedules: 1, price: 10_000 });
    const fan = await admittedCaller(server, concert.id);
    await charge(server, fan, 10_000);
    const r = await hold(server, fan, concert.schedules[0].id, 5);
    expect((await gql(server.url, PayReservationDocument, { reservationId: r.id, idempotencyKey: randomUUID() }, fan)).errors).toBeUndefined();
    expect(await until('boxoffice_queue_completed_total', `concert="${concert.id}"`, 1)).toBe(1);
  });

  it('times GraphQL operations by name, counts errors by code, and counts open WebSockets and subscriptions', async () => {
    const concert = await createConcert(server.app);
    const before = await scrape();
    const count = (text: string) => sample(text, 'boxoffice_graphql_operation_duration_seconds_count', 'operation="IssueQueueToken",type="mutation"');
    const token = await identityToken(server);
    expect(errorCode(await gql(server.url, IssueQueueTokenDocument, { concertId: randomUUID() }, { token }))).toBe('NOT_FOUND');
    const fan = await joinLine(server, concert.id);
    let text = await scrape();
    expect(count(text)).toBe(count(before) + 2);
    expect(sample(text, 'boxoffice_graphql_errors_total', 'code="NOT_FOUND"')).toBe(sample(before, 'boxoffice_graphql_errors_total', 'code="NOT_FOUND"') + 1);

    const client = wsClient(server.wsUrl, { authorization: `Bearer ${fan.token}`, queueToken: fan.queueToken });
    const sub = subscribe(client, QueuePositionDocument, { concertId: concert.id });
    await sub.next();
    text = await scrape();
    expect(sample(text, 'boxoffice_websocket_connections')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'boxoffice_websocket_operations')).toBeGreaterThanOrEqual(1);
    const open = sample(text, 'boxoffice_websocket_connections');
    await client.dispose();
    const deadline = Date.now() + 5000;
    while (sample(await scrape(), 'boxoffice_websocket_connections') >= open && Date.now() < deadline) await sleep(50);
    expect(sample(await scrape(), 'boxoffice_websocket_connections')).toBe(open - 1);
  });
});
