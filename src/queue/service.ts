import { Repeater } from '@repeaterjs/repeater';
import { randomUUID } from 'node:crypto';
import { fail } from '../errors.js';
import { Topic, type EventBus } from '../events/bus.js';
import type { Logger } from '../logger.js';
import { onRedis, type Redis } from '../redis.js';
import type { Admission } from './admission.js';
import { applyEvent, type QueueEvent } from './events.js';
import { concertQueueKeys, QUEUE_INDEX_KEY } from './keys.js';
import { luaScript } from '../lua.js';
import { fromStored, isTerminal, QueueStatus, type StoredTicket, type TicketState } from './ticket.js';
import type { QueueTokenSigner } from './token.js';

export interface QueueSettings {
  maxActive: number;
  activeSeconds: number;
  admitIntervalMs: number;
  idleSeconds: number;
  /** How long a line that appears from nothing waits before its first admission. */
  restoreGraceSeconds: number;
}

/** How long an ended ticket stays readable (queueStatus shows EXPIRED/COMPLETED/CANCELLED). */
const ENDED_RETENTION_MS = 3600_000;
/** The admission-rate average forgets observations older than about this. */
const RATE_WINDOW_MS = 30_000;


interface QueueCommands {
  queueJoin(meta: string, waiting: string, seen: string, tickets: string, users: string, active: string, ended: string, userId: string, tokenId: string, now: number, epoch: string, graceMs: number): Promise<[string, number, string, number]>;
  queueStatus(meta: string, waiting: string, seen: string, tickets: string, users: string, tokenId: string, now: number, userId: string, seq: number, issuedAt: number, tokenEpoch: string, epoch: string, graceMs: number): Promise<[string | null, number, string, number, number]>;
  queueAdmit(meta: string, waiting: string, active: string, seen: string, tickets: string, users: string, ended: string, now: number, maxActive: number, activeMs: number, idleMs: number, intervalMs: number, retentionMs: number, rateWindowMs: number): Promise<string | null>;
  queueComplete(meta: string, active: string, tickets: string, users: string, ended: string, tokenId: string, now: number): Promise<number | null>;
}

/** cjson writes an empty Lua table as `{}`; lists in events are arrays either way. */
const asList = (v: unknown): number[] => (Array.isArray(v) ? (v as number[]) : []);

/**
 * The waiting room: one fair line per concert in Redis. Every change of more than one key is a
 * single Lua script (src/queue/scripts), so any number of server processes can share a line.
 */
export class QueueService {
  private readonly commands: QueueCommands;
  /** Open queuePosition subscriptions on this process: concertId -> tokenId -> count. */
  private readonly watching = new Map<string, Map<string, number>>();

  constructor(
    private readonly redis: Redis,
    private readonly bus: EventBus,
    private readonly signer: QueueTokenSigner,
    readonly settings: QueueSettings,
    private readonly log: Logger,
  ) {
    redis.defineCommand('queueJoin', { numberOfKeys: 7, lua: luaScript('queue/lua/join') });
    redis.defineCommand('queueStatus', { numberOfKeys: 5, lua: luaScript('queue/lua/status') });
    redis.defineCommand('queueAdmit', { numberOfKeys: 7, lua: luaScript('queue/lua/admit') });
    redis.defineCommand('queueComplete', { numberOfKeys: 5, lua: luaScript('queue/lua/complete') });
    this.commands = redis as unknown as QueueCommands;
  }

  /**
   * Joins the concert's line, or returns the caller's WAITING/ACTIVE ticket unchanged
   * (idempotent: the same token string comes back, however many calls race). The caller has
   * checked that the concert exists.
   */
  async issue(userId: string, concertId: string): Promise<TicketState> {
    const k = concertQueueKeys(concertId);
    const now = Date.now();
    const [json, rank, expiredId, version] = await onRedis(this.commands.queueJoin(k.meta, k.waiting, k.seen, k.tickets, k.users, k.active, k.ended, userId, randomUUID(), now, randomUUID().slice(0, 8), this.settings.restoreGraceSeconds * 1000));
    await onRedis(this.redis.sadd(QUEUE_INDEX_KEY, concertId));
    const rate = Number(await onRedis(this.redis.hget(k.meta, 'rate'))) || 0;
    if (expiredId) {
      // The old ticket's time had run out before the tick said so; its watchers hear it now.
      await this.publish({ concertId, version, at: now, rate, left: [], inserted: [], admitted: {}, ended: { [expiredId]: QueueStatus.EXPIRED } });
    }
    return fromStored(concertId, JSON.parse(json) as StoredTicket, rank, rate, 0);
  }

  /**
   * The holder's current ticket from their signed token (any status). QUEUE_TOKEN_INVALID when
   * the token is forged, expired, of another user or concert, or no longer known.
   */
  async status(token: string | null, userId: string, concertId?: string): Promise<TicketState> {
    const claims = await this.signer.verify(token);
    if (claims.userId !== userId) throw fail.queueTokenOfAnotherUser();
    if (concertId !== undefined && claims.concertId !== concertId) throw fail.queueTokenOfAnotherConcert();
    const k = concertQueueKeys(claims.concertId);
    const now = Date.now();
    const [json, rank, rate, version, restored] = await onRedis(
      this.commands.queueStatus(
      k.meta, k.waiting, k.seen, k.tickets, k.users,
      claims.tokenId, now, claims.userId, claims.seq, claims.issuedAt, claims.epoch, randomUUID().slice(0, 8), this.settings.restoreGraceSeconds * 1000,
      ),
    );
    if (!json) throw fail.queueTokenForgotten();
    if (restored) {
      // Redis lost the line; the holder is back at their signed place. Others behind them move.
      await onRedis(this.redis.sadd(QUEUE_INDEX_KEY, claims.concertId));
      await this.publish({ concertId: claims.concertId, version, at: now, rate: Number(rate), left: [], inserted: [claims.seq], admitted: {}, ended: {} });
      this.log.info({ concertId: claims.concertId, tokenId: claims.tokenId }, 'queue ticket restored from its token');
    }
    const state = fromStored(claims.concertId, JSON.parse(json) as StoredTicket, rank, Number(rate), version);
    // The tick that expires it may be a moment late; the gate must not be.
    if (state.status === QueueStatus.ACTIVE && state.activeUntil !== null && state.activeUntil <= now) {
      return { ...state, status: QueueStatus.EXPIRED, activeUntil: null };
    }
    return state;
  }

  /** The gate's check: the caller's own ACTIVE ticket, else QUEUE_NOT_ADMITTED / QUEUE_TOKEN_INVALID. */
  async assertActive(token: string | null, userId: string, { allowCompleted = false } = {}): Promise<Admission> {
    const state = await this.status(token, userId);
    if (allowCompleted && state.status === QueueStatus.COMPLETED) {
      return { tokenId: state.tokenId, userId: state.userId, concertId: state.concertId, seq: state.seq, completed: true };
    }
    if (state.status === QueueStatus.WAITING) {
      throw fail.notAdmitted(state.position);
    }
    if (state.status !== QueueStatus.ACTIVE) {
      throw fail.queueTicketEnded(state.status);
    }
    return { tokenId: state.tokenId, userId: state.userId, concertId: state.concertId, seq: state.seq, completed: false };
  }

  /** Marks the ticket COMPLETED after a payment committed; the slot goes to the next in line. */
  async complete(concertId: string, tokenId: string): Promise<void> {
    const k = concertQueueKeys(concertId);
    const now = Date.now();
    const version = await onRedis(this.commands.queueComplete(k.meta, k.active, k.tickets, k.users, k.ended, tokenId, now));
    if (version) {
      const rate = Number(await onRedis(this.redis.hget(k.meta, 'rate'))) || 0;
      await this.publish({ concertId, version, at: now, rate, left: [], inserted: [], admitted: {}, ended: { [tokenId]: QueueStatus.COMPLETED } });
    }
  }

  /**
   * One admission tick for one concert (see scripts/admit.lua). Publishes one event when the
   * line changed; returns it, or null when nothing changed or another process ticked already.
   */
  async tick(concertId: string, now = Date.now()): Promise<QueueEvent | null> {
    const k = concertQueueKeys(concertId);
    const s = this.settings;
    const raw = await onRedis(
      this.commands.queueAdmit(
      k.meta, k.waiting, k.active, k.seen, k.tickets, k.users, k.ended,
      now, s.maxActive, s.activeSeconds * 1000, s.idleSeconds * 1000, s.admitIntervalMs, ENDED_RETENTION_MS, RATE_WINDOW_MS,
      ),
    );
    if (!raw) return null;
    const r = JSON.parse(raw) as { changed: boolean; version: number; at: number; rate: number; left: unknown; admitted: Record<string, number> | unknown[]; ended: Record<string, QueueStatus> | unknown[] };
    if (!r.changed) return null;
    const event: QueueEvent = {
      concertId,
      version: r.version,
      at: r.at,
      rate: r.rate,
      left: asList(r.left),
      inserted: [],
      admitted: Array.isArray(r.admitted) ? {} : r.admitted,
      ended: Array.isArray(r.ended) ? {} : r.ended,
    };
    await this.publish(event);
    return event;
  }

  /** Ticks every concert that has a line. */
  async tickAll(): Promise<void> {
    const concertIds = await onRedis(this.redis.smembers(QUEUE_INDEX_KEY));
    await Promise.all(concertIds.map((id) => this.tick(id)));
  }

  /**
   * The holder's ticket now and after every change, for the queuePosition subscription. It
   * listens before it reads, so no change is lost in between, and ends after a terminal status.
   * New positions come from the concert's one event per change, not from a Redis call each.
   */
  watch(token: string | null, userId: string, concertId: string): Repeater<TicketState> {
    return new Repeater<TicketState>(async (push, stop) => {
      let state: TicketState | undefined;
      const pending: QueueEvent[] = [];
      const deliver = (next: TicketState) => {
        void push(next);
        if (isTerminal(next.status)) stop();
      };
      const resync = async () => {
        try {
          const fresh = { ...(await this.status(token, userId, concertId)), token: state?.token };
          const changed = !state || fresh.status !== state.status || fresh.position !== state.position;
          state = fresh;
          if (changed) deliver(fresh);
        } catch (e) {
          stop(e);
        }
      };
      const onEvent = (event: QueueEvent) => {
        if (!state) return void pending.push(event);
        if (isTerminal(state.status)) return;
        // A missed message (Redis reconnect): one exact read puts the holder right again.
        if (event.version > state.version + 1) return void resync();
        const next = applyEvent(state, event);
        if (!next) return;
        state = next.state;
        if (next.changed) deliver(state);
      };

      const unlisten = await this.bus.listen(Topic.QueueChanged, concertId, onEvent);
      let untrack = () => {};
      try {
        state = await this.status(token, userId, concertId);
        state.token = await this.tokenFor(state);
        deliver(state);
        if (!isTerminal(state.status)) {
          untrack = this.track(concertId, state.tokenId);
          for (const event of pending.splice(0)) onEvent(event);
        }
        await stop;
      } finally {
        untrack();
        unlisten();
      }
    });
  }

  /** Counts an open subscription as a sign of life until it closes (see `touchWatched`). */
  private track(concertId: string, tokenId: string): () => void {
    const tokens = this.watching.get(concertId) ?? new Map<string, number>();
    this.watching.set(concertId, tokens);
    tokens.set(tokenId, (tokens.get(tokenId) ?? 0) + 1);
    return () => {
      const n = (tokens.get(tokenId) ?? 1) - 1;
      if (n > 0) tokens.set(tokenId, n);
      else tokens.delete(tokenId);
      if (!tokens.size) this.watching.delete(concertId);
    };
  }

  /**
   * Refreshes the last-seen time of every holder with an open subscription on this process: one
   * ZADD XX per concert per call, whatever the number of subscribers.
   */
  async touchWatched(now = Date.now()): Promise<void> {
    for (const [concertId, tokens] of this.watching) {
      const ids = [...tokens.keys()];
      for (let i = 0; i < ids.length; i += 5000) {
        const args = ids.slice(i, i + 5000).flatMap((id) => [now, id]);
        await onRedis(this.redis.zadd(concertQueueKeys(concertId).seen, 'XX', ...args));
      }
    }
  }

  /** The token string for a ticket: the same string every time for the same ticket. */
  async tokenFor(state: TicketState): Promise<string> {
    return state.token ?? this.signer.sign({ tokenId: state.tokenId, userId: state.userId, concertId: state.concertId, seq: state.seq, issuedAt: state.issuedAt, epoch: state.epoch });
  }

  private publish(event: QueueEvent): Promise<void> {
    return this.bus.publish(Topic.QueueChanged, event.concertId, event);
  }
}
