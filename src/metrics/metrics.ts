import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Operation names a client may make up: beyond this many distinct ones, the rest count as "other". */
const MAX_OPERATION_NAMES = 200;

/**
 * Everything `GET /metrics` reports, on a registry of this app's own (tests run several apps in
 * one process, and prom-client's global registry would mix them). Counters count what this
 * process did (each admission tick's work is done by one process, so summing over processes
 * counts every ticket once); gauges of the lines read Redis when scraped.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly operationNames = new Set<string>();

  private readonly admitted = this.counter('boxoffice_queue_admitted_total', 'WAITING tickets admitted (ACTIVE), by concert', ['concert']);
  private readonly expired = this.counter('boxoffice_queue_expired_total', 'ACTIVE tickets whose time ran out without a payment, by concert', ['concert']);
  private readonly cancelled = this.counter('boxoffice_queue_cancelled_total', 'WAITING tickets cancelled as idle, by concert', ['concert']);
  private readonly soldOut = this.counter('boxoffice_queue_sold_out_total', 'WAITING tickets ended SOLD_OUT, by concert', ['concert']);
  private readonly completed = this.counter('boxoffice_queue_completed_total', 'ACTIVE tickets completed by a payment, by concert', ['concert']);
  private readonly holds = this.counter('boxoffice_holds_total', 'Seats held (reserveSeat)', []);
  private readonly expiredHolds = this.counter('boxoffice_holds_expired_total', 'Holds released by the sweeper because their time ran out', []);
  private readonly payments = this.counter('boxoffice_payments_total', 'Payments made', []);
  private readonly paid = this.counter('boxoffice_payments_amount_krw_total', 'Amount paid, KRW', []);
  private readonly errors = this.counter('boxoffice_graphql_errors_total', 'Errors returned to clients, by extensions.code', ['code']);
  private readonly durations = new Histogram({
    name: 'boxoffice_graphql_operation_duration_seconds',
    help: 'GraphQL operations over HTTP, from the request to the response, by operation name and type',
    labelNames: ['operation', 'type'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  /** Open WebSocket connections and operations on them, this process (set by the WebSocket endpoint). */
  sockets: () => { connections: number; operations: number } = () => ({ connections: 0, operations: 0 });

  /** `lines`: WAITING and ACTIVE tickets of every line in the index, read when scraped. */
  constructor(lines: () => Promise<Array<{ concertId: string; waiting: number; active: number }>>) {
    collectDefaultMetrics({ register: this.registry });
    const readLines = () => lines().catch(() => []);
    const sockets = () => this.sockets();
    const registers = [this.registry];
    new Gauge({
      name: 'boxoffice_queue_waiting',
      help: 'WAITING tickets, by concert (lines in the admission index)',
      labelNames: ['concert'],
      registers,
      async collect() {
        this.reset();
        for (const line of await readLines()) this.set({ concert: line.concertId }, line.waiting);
      },
    });
    new Gauge({
      name: 'boxoffice_queue_active',
      help: 'ACTIVE tickets, by concert',
      labelNames: ['concert'],
      registers,
      async collect() {
        this.reset();
        for (const line of await readLines()) this.set({ concert: line.concertId }, line.active);
      },
    });
    new Gauge({
      name: 'boxoffice_websocket_connections',
      help: 'Open WebSocket connections, this process',
      registers,
      collect() {
        this.set(sockets().connections);
      },
    });
    new Gauge({
      name: 'boxoffice_websocket_operations',
      help: 'Operations (subscriptions) open on WebSockets, this process',
      registers,
      collect() {
        this.set(sockets().operations);
      },
    });
  }

  private counter(name: string, help: string, labelNames: string[]): Counter {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  /** One admission tick's (or backlog call's) work on a line. */
  ticked(concertId: string, c: { admitted: number; expired: number; cancelled: number; soldOut: number }): void {
    const labels = { concert: concertId };
    if (c.admitted) this.admitted.inc(labels, c.admitted);
    if (c.expired) this.expired.inc(labels, c.expired);
    if (c.cancelled) this.cancelled.inc(labels, c.cancelled);
    if (c.soldOut) this.soldOut.inc(labels, c.soldOut);
  }

  completedTicket(concertId: string): void {
    this.completed.inc({ concert: concertId });
  }

  held(seats: number): void {
    this.holds.inc(seats);
  }

  holdsExpired(seats: number): void {
    if (seats) this.expiredHolds.inc(seats);
  }

  payment(amount: number): void {
    this.payments.inc();
    this.paid.inc(amount);
  }

  error(code: unknown): void {
    this.errors.inc({ code: typeof code === 'string' ? code : 'UNKNOWN' });
  }

  /** One histogram observation per operation: the whole cost on the request path. */
  operation(name: string | null | undefined, type: string | undefined, seconds: number): void {
    let operation = name ? name.slice(0, 64) : 'anonymous';
    if (!this.operationNames.has(operation)) {
      if (this.operationNames.size >= MAX_OPERATION_NAMES) operation = 'other';
      else this.operationNames.add(operation);
    }
    this.durations.observe({ operation, type: type ?? 'unknown' }, seconds);
  }
}
