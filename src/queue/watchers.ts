import { Topic, type EventBus } from '../events/bus.js';
import { applyChange, decodeEvent, type LineChange, type QueueEvent } from './events.js';
import { isTerminal, QueueStatus, type TicketState } from './ticket.js';

/** One open queuePosition subscription (or seat map waiting for its ticket to end). */
export interface Watcher {
  state: TicketState;
  /** Hands the holder a state that differs from the last one they saw. */
  deliver(state: TicketState): void;
  /** The ticket could not be read again. */
  fail(error: unknown): void;
}

/** Re-reads many subscribers' tickets at once (one script call per few hundred). */
export type Reread = (concertId: string, states: TicketState[]) => Promise<Array<TicketState | Error>>;

/** Changes kept to bring a new or lagging subscriber up to date without a Redis call. */
const RECENT_CHANGES = 64;

/**
 * New states handed to subscribers per event-loop turn. Handed all at once, ten thousand
 * subscribers' deliveries ran as one turn's microtasks, breadth first: each step of every
 * subscriber's chain (stream, execution, message) before the next step of any, so the first
 * socket write came after nearly all the work and the clients started reading only then
 * (p50 close to p99). In slices, the first subscribers' messages are on their sockets within
 * milliseconds while the rest are made, and the process still answers other sockets in between.
 */
const DELIVERIES_PER_TURN = 250;

/**
 * Deliveries not yet made, first in first out (so one subscriber's states stay in order),
 * handed out DELIVERIES_PER_TURN at a time.
 */
class Deliveries {
  private watchers: Watcher[] = [];
  private states: TicketState[] = [];
  private head = 0;
  private scheduled = false;

  add(w: Watcher, state: TicketState): void {
    this.watchers.push(w);
    this.states.push(state);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    const end = Math.min(this.head + DELIVERIES_PER_TURN, this.watchers.length);
    for (; this.head < end; this.head++) this.watchers[this.head].deliver(this.states[this.head]);
    if (this.head < this.watchers.length) return void setImmediate(() => this.flush());
    this.watchers = [];
    this.states = [];
    this.head = 0;
    this.scheduled = false;
  }
}

/**
 * One process's subscribers of one line. The line's events are listened to once and decoded once,
 * then applied to every subscriber here, so a tick costs no Redis call per subscriber. Whoever
 * falls behind (an event lost with a dropped pub/sub connection, or published out of order) is
 * re-read together with everyone else behind, in one batch.
 */
class LineWatch {
  readonly watchers = new Set<Watcher>();
  /** open() calls not yet released; the line stops listening at zero. */
  refs = 0;
  listening!: Promise<() => void>;
  private readonly recent: LineChange[] = [];
  private readonly behind = new Set<Watcher>();
  private readonly deliveries = new Deliveries();
  private rereading = false;
  /** A version the line had reached some time ago, which every subscriber must have reached by now. */
  private checkpoint: { version: number; at: number } | undefined;

  constructor(
    private readonly concertId: string,
    private readonly reread: Reread,
    private readonly graceMs: number,
  ) {}

  onEvent(event: QueueEvent): void {
    const change = decodeEvent(event);
    let i = this.recent.length;
    while (i > 0 && this.recent[i - 1].version > change.version) i--;
    if (this.recent[i - 1]?.version === change.version) return;
    this.recent.splice(i, 0, change);
    if (this.recent.length > RECENT_CHANGES) this.recent.shift();
    const newest = change === this.recent[this.recent.length - 1];
    for (const w of this.watchers) {
      // The usual case, one step for everyone; anything else walks the kept changes.
      if (newest && w.state.version + 1 === change.version) this.step(w, change);
      else if (w.state.version < change.version) this.catchUp(w);
    }
    this.rereadBehind();
  }

  add(w: Watcher): void {
    this.watchers.add(w);
    this.catchUp(w);
    this.rereadBehind();
  }

  remove(w: Watcher): void {
    this.watchers.delete(w);
    this.behind.delete(w);
  }

  /**
   * The line's version as a tick just saw it. Whoever has not reached the version seen one grace
   * period ago missed an event and is re-read.
   */
  observe(version: number, now = performance.now()): void {
    if (this.checkpoint && now - this.checkpoint.at >= this.graceMs) {
      for (const w of this.watchers) if (w.state.version < this.checkpoint.version) this.behind.add(w);
      this.checkpoint = undefined;
      this.rereadBehind();
    }
    this.checkpoint ??= { version, at: now };
  }

  /** The WAITING tickets watched here (their signs of life). */
  waiting(): TicketState[] {
    const tickets: TicketState[] = [];
    for (const w of this.watchers) if (w.state.status === QueueStatus.WAITING) tickets.push(w.state);
    return tickets;
  }

  private step(w: Watcher, change: LineChange): void {
    if (isTerminal(w.state.status)) return;
    const next = applyChange(w.state, change);
    w.state = next.state;
    if (next.changed) this.deliveries.add(w, next.state);
    if (w.state.version < change.version) this.behind.add(w);
  }

  /** Applies the kept changes that follow the subscriber's version, in order. */
  private catchUp(w: Watcher): void {
    for (const change of this.recent) {
      if (change.version <= w.state.version) continue;
      if (change.version > w.state.version + 1 || isTerminal(w.state.status)) break;
      this.step(w, change);
    }
    const latest = this.recent[this.recent.length - 1]?.version ?? 0;
    if (w.state.version < latest && !isTerminal(w.state.status)) this.behind.add(w);
    else this.behind.delete(w);
  }

  private rereadBehind(): void {
    if (this.rereading || !this.behind.size) return;
    this.rereading = true;
    void (async () => {
      try {
        while (this.behind.size) {
          const batch = [...this.behind].slice(0, 500);
          for (const w of batch) this.behind.delete(w);
          const fresh = await this.reread(this.concertId, batch.map((w) => w.state));
          batch.forEach((w, i) => {
            const state = fresh[i];
            if (!this.watchers.has(w)) return;
            if (state instanceof Error) return w.fail(state);
            if (state.version < w.state.version) return;
            const changed = state.status !== w.state.status || state.position !== w.state.position || state.paused !== w.state.paused || state.opensAt !== w.state.opensAt;
            w.state = state;
            if (changed) this.deliveries.add(w, state);
          });
        }
      } catch {
        // Redis unreachable: the next tick's check finds them behind again.
      } finally {
        this.rereading = false;
      }
    })();
  }
}

/** Every line this process has subscribers on. */
export class QueueWatchers {
  private readonly lines = new Map<string, LineWatch>();

  constructor(
    private readonly bus: EventBus,
    private readonly reread: Reread,
    /** How long an event may take to arrive before a subscriber without it counts as behind. */
    private readonly graceMs: number,
  ) {}

  /**
   * The line's watch, listening before it resolves, so a subscriber that reads its ticket after
   * this misses no change in between. Pair with `release`.
   */
  async open(concertId: string): Promise<LineWatch> {
    let line = this.lines.get(concertId);
    if (!line) {
      const created = new LineWatch(concertId, this.reread, this.graceMs);
      created.listening = this.bus.listen(Topic.QueueChanged, concertId, (event) => created.onEvent(event));
      this.lines.set(concertId, created);
      line = created;
    }
    line.refs++;
    try {
      await line.listening;
    } catch (e) {
      this.release(line, concertId);
      throw e;
    }
    return line;
  }

  release(line: LineWatch, concertId: string): void {
    if (--line.refs > 0) return;
    this.lines.delete(concertId);
    void line.listening.then((unlisten) => unlisten(), () => undefined);
  }

  observe(concertId: string, version: number): void {
    this.lines.get(concertId)?.observe(version);
  }

  /** concertId -> watched WAITING tickets, for the signs-of-life refresh. */
  *waiting(): Iterable<[string, TicketState[]]> {
    for (const [concertId, line] of this.lines) {
      const tickets = line.waiting();
      if (tickets.length) yield [concertId, tickets];
    }
  }
}

export type { LineWatch };
