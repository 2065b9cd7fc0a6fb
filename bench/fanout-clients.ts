/**
 * A load process of the fan-out benchmark (bench/fanout.ts, which forks it): the graphql-ws
 * clients of the fans it is handed, each with a queuePosition subscription open. Its own process,
 * so the clients' work is not the benchmark's single thread (nor the server's). Driven over IPC:
 * see `LoadCommand` and `LoadReport`. Times are `process.hrtime` milliseconds, the system's
 * monotonic clock, so they compare with the parent's.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface LoadFan {
  identity: string;
  queueToken: string;
}

export type LoadCommand =
  /** Opens a subscription for each fan, `concurrency` at a time; answered with `connected`. */
  | { op: 'connect'; wsUrl: string; concertId: string; fans: LoadFan[]; concurrency: number }
  /** Closes every client opened so far; answered with `closed`. */
  | { op: 'close' }
  /** The next update of each subscriber not yet ACTIVE is timed; answered with `armed`, then `updated` once all have one. */
  | { op: 'arm' };

export type LoadReport =
  | { op: 'connected'; count: number }
  | { op: 'closed' }
  | { op: 'armed'; expected: number }
  | { op: 'updated'; at: number[] }
  | { op: 'error'; message: string };

export const monotonicMs = () => Number(process.hrtime.bigint()) / 1e6;

const QUERY = `subscription($c: ID!) { queuePosition(concertId: $c) { status position } }`;

let clients: Client[] = [];
/** Subscribers that have seen ACTIVE: a tick that admits others changes nothing of theirs. */
const admitted = new Set<number>();
let timing: { expected: number; at: number[] } | null = null;
let opened = 0;

const send = (report: LoadReport) => process.send!(report);

function subscribe(wsUrl: string, concertId: string, fan: LoadFan): Promise<Client> {
  const i = opened++;
  const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${fan.identity}`, queueToken: fan.queueToken }, retryAttempts: 0, lazy: false });
  let first = true;
  return new Promise<Client>((resolve, reject) => {
    client.subscribe(
      { query: QUERY, variables: { c: concertId } },
      {
        next: (message) => {
          const wasActive = admitted.has(i);
          if ((message.data?.queuePosition as { status?: string } | undefined)?.status === 'ACTIVE') admitted.add(i);
          if (first) {
            first = false;
            return resolve(client);
          }
          if (!timing || wasActive) return;
          timing.at.push(monotonicMs());
          if (timing.at.length === timing.expected) {
            send({ op: 'updated', at: timing.at });
            timing = null;
          }
        },
        error: (e) => reject(new Error(JSON.stringify(e))),
        complete: () => {},
      },
    );
  });
}

process.on('message', (command: LoadCommand) => {
  void (async () => {
    try {
      if (command.op === 'connect') {
        // A window of `concurrency` subscriptions being opened, each finished one making room for
        // the next: fans arrive independently, not in waves that wait for each other's slowest.
        let next = 0;
        await Promise.all(
          Array.from({ length: Math.min(command.concurrency, command.fans.length) }, async () => {
            while (next < command.fans.length) clients.push(await subscribe(command.wsUrl, command.concertId, command.fans[next++]));
          }),
        );
        send({ op: 'connected', count: clients.length });
      } else if (command.op === 'close') {
        await Promise.all(clients.map((c) => c.dispose()));
        clients = [];
        admitted.clear();
        opened = 0;
        send({ op: 'closed' });
      } else {
        timing = { expected: clients.length - admitted.size, at: [] };
        send({ op: 'armed', expected: timing.expected });
        if (timing.expected === 0) send({ op: 'updated', at: [] });
      }
    } catch (e) {
      send({ op: 'error', message: String((e as Error).stack ?? e) });
    }
  })();
});
// The parent gone (a benchmark cut short), nothing is left to measure.
process.on('disconnect', () => process.exit(0));
