import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IssueQueueTokenDocument, QueueStatusDocument } from '../generated/graphql.js';
import { createConcert } from '../support/factories.js';
import { errorCode, gql } from '../support/graphql.js';
import { joinLine } from '../support/queue.js';
import { identityToken, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  // No admission during these tests: the first tick is an hour away.
  server = await startTestServer({ QUEUE_ADMIT_INTERVAL_MS: '3600000', QUEUE_MAX_ACTIVE: '1' });
});
afterAll(() => server.stop());

describe('joining the line', () => {
  it('200 simultaneous joins get 200 distinct, consecutive positions in arrival order of the line', async () => {
    const concert = await createConcert(server.app);
    const callers = await Promise.all(Array.from({ length: 200 }, () => joinLine(server, concert.id)));
    const positions = callers.map((c) => c.ticket.position!).sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    // Positions follow the sequence signed into each token: first come, first served.
    const bySeq = [...callers].sort((a, b) => seqOf(a.queueToken) - seqOf(b.queueToken));
    expect(bySeq.map((c) => c.ticket.position)).toEqual(positions);
    expect(callers.every((c) => c.ticket.status === 'WAITING' && c.ticket.estimatedWaitSeconds! >= 0 && c.ticket.activeUntil === null)).toBe(true);
  });

  it('is idempotent: 10 simultaneous calls by one user return the same token and one place in line', async () => {
    const concert = await createConcert(server.app);
    await joinLine(server, concert.id);
    const token = await identityToken(server);
    const results = await Promise.all(Array.from({ length: 10 }, () => gql(server.url, IssueQueueTokenDocument, { concertId: concert.id }, { token })));
    const tickets = results.map((r) => r.data!.issueQueueToken);
    expect(new Set(tickets.map((t) => t.token)).size).toBe(1);
    expect(tickets.every((t) => t.position === 2)).toBe(true);
    const again = await gql(server.url, IssueQueueTokenDocument, { concertId: concert.id }, { token });
    expect(again.data!.issueQueueToken.token).toBe(tickets[0].token);
  });

  it('reports the ticket to its holder with queueStatus, nearer the head asking to poll sooner', async () => {
    const concert = await createConcert(server.app);
    const callers = [];
    for (let i = 0; i < 40; i++) callers.push(await joinLine(server, concert.id));
    const head = await gql(server.url, QueueStatusDocument, { concertId: concert.id }, callers[0]);
    const back = await gql(server.url, QueueStatusDocument, { concertId: concert.id }, callers[39]);
    expect(head.data!.queueStatus).toMatchObject({ status: 'WAITING', position: 1, pollAfterSeconds: 1 });
    expect(back.data!.queueStatus.position).toBe(40);
    expect(back.data!.queueStatus.pollAfterSeconds).toBeGreaterThan(1);
    expect(back.data!.queueStatus.estimatedWaitSeconds).toBeGreaterThan(head.data!.queueStatus.estimatedWaitSeconds!);
  });

  it('refuses an unknown concert (NOT_FOUND), a malformed id (BAD_USER_INPUT) and a caller without identity', async () => {
    const token = await identityToken(server);
    expect(errorCode(await gql(server.url, IssueQueueTokenDocument, { concertId: randomUUID() }, { token }))).toBe('NOT_FOUND');
    expect(errorCode(await gql(server.url, IssueQueueTokenDocument, { concertId: 'nope' }, { token }))).toBe('BAD_USER_INPUT');
    const concert = await createConcert(server.app);
    expect(errorCode(await gql(server.url, IssueQueueTokenDocument, { concertId: concert.id }))).toBe('UNAUTHENTICATED');
  });

  it('keeps every key of a concert under one hash tag, so the line runs on Redis Cluster', async () => {
    const concert = await createConcert(server.app);
    await joinLine(server, concert.id);
    const keys = await server.app.redis.keys(`${server.config.REDIS_PREFIX}q:*${concert.id}*`);
    expect(keys.length).toBeGreaterThanOrEqual(3);
    expect(keys.every((k) => k.includes(`{concert:${concert.id}}`))).toBe(true);
  });
});

function seqOf(queueToken: string): number {
  return JSON.parse(Buffer.from(queueToken.split('.')[1], 'base64url').toString()).seq;
}
