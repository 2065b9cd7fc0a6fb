import { randomUUID } from 'node:crypto';
import { IssueQueueTokenDocument, QueueStatusDocument, type TicketFragment } from '../generated/graphql.js';
import { gql } from './graphql.js';
import { identityToken, type TestServer } from './server.js';
import type { App } from '../../src/app.js';
import { pipelineJoin, type JoinReply } from '../../src/queue/commands.js';

export interface Caller {
  userId: string;
  /** Identity JWT. */
  token: string;
  /** Signed queue token. */
  queueToken: string;
}

/** Joins the concert's line over the API; returns the caller and their first ticket. */
export async function joinLine(server: TestServer, concertId: string, userId: string = randomUUID()): Promise<Caller & { ticket: TicketFragment }> {
  const token = await identityToken(server, userId);
  const joined = await gql(server.url, IssueQueueTokenDocument, { concertId }, { token });
  if (!joined.data) throw new Error(`issueQueueToken failed: ${JSON.stringify(joined.errors)}`);
  const ticket = joined.data.issueQueueToken;
  return { userId, token, queueToken: ticket.token, ticket };
}

/** Polls queueStatus until the ticket has `status` (the admission loop runs on its own). */
export async function waitForStatus(server: TestServer, concertId: string, caller: Caller, status: string, timeoutMs = 10_000): Promise<TicketFragment> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await gql(server.url, QueueStatusDocument, { concertId }, caller);
    const ticket = r.data?.queueStatus;
    if (ticket?.status === status) return ticket;
    if (Date.now() > deadline) throw new Error(`ticket not ${status} within ${timeoutMs} ms: ${JSON.stringify(r)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * A caller holding an ACTIVE queue token for the concert: joins over the API and waits for
 * the server's admission loop. Start the server with a short QUEUE_ADMIT_INTERVAL_MS (e.g. 50).
 */
export async function admittedCaller(server: TestServer, concertId: string, userId?: string): Promise<Caller> {
  const caller = await joinLine(server, concertId, userId);
  if (caller.ticket.status !== 'ACTIVE') await waitForStatus(server, concertId, caller, 'ACTIVE');
  return { userId: caller.userId, token: caller.token, queueToken: caller.queueToken };
}

/**
 * Fills a concert's line with `count` WAITING tickets of new users straight through the join
 * script, in pipelined batches (a long line in seconds, not an HTTP call each). The line must
 * exist already (someone joined over the API), so it is in the admission loop's index.
 * Returns the highest sequence number given out.
 */
export async function fillLine(app: App, concertId: string, count: number, batch = 1000): Promise<number> {
  let lastSeq = 0;
  let next = 0;
  const runBatch = async () => {
    const pipeline = app.redis.pipeline();
    const end = Math.min(count, next + batch);
    for (; next < end; next++) pipelineJoin(pipeline, concertId, randomUUID());
    for (const [err, reply] of (await pipeline.exec())!) {
      if (err) throw err;
      lastSeq = Math.max(lastSeq, (reply as JoinReply)[1] ?? 0);
    }
  };
  // A few batches in flight: this process encodes the next while Redis runs the last.
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < count) await runBatch();
    }),
  );
  return lastSeq;
}
