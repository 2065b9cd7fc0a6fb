import { Repeater } from '@repeaterjs/repeater';
import { randomUUID } from 'node:crypto';
import type { Config } from '../config.js';
import { fail } from '../errors.js';
import { Topic, type EventBus } from '../events/bus.js';
import type { Logger } from '../logger.js';
import { onRedis, type Redis } from '../redis.js';
import type { Admission } from './admission.js';
import { queueCommands, type QueueCommands } from './commands.js';
import { parseOutlook } from './estimate.js';
import { packSeqs, tickEvent, type QueueEvent } from './events.js';
import { QUEUE_INDEX_KEY } from './keys.js';
import { isTerminal, QueueStatus, statusOfCode, type TicketState } from './ticket.js';
import type { QueueTokenSigner } from './token.js';
import { QueueWatchers, type Watcher } from './watchers.js';

export interface QueueSettings {
  maxActive: number;
  activeSeconds: number;
  admitIntervalMs: number;
  idleSeconds: number;
  /** How long a line that appears from nothing waits before its first admission. */
  restoreGraceSeconds: number;
  /** Tickets one admission script call handles at most (expired, admitted or cancelled). */
  tickBatch: number;
}

/** The waiting room's settings from the configuration. */
export function queueSettings(config: Config): QueueSettings {
  return {
    maxActive: config.QUEUE_MAX_ACTIVE,
    activeSeconds: config.QUEUE_ACTIVE_SECONDS,
    admitIntervalMs: config.QUEUE_ADMIT_INTERVAL_MS,
    idleSeconds: config.QUEUE_IDLE_SECONDS,
    restoreGraceSeconds: config.QUEUE_RESTORE_GRACE_SECONDS,
    tickBatch: config.QUEUE_TICK_BATCH,
  };
}

/** How long an ended ticket stays readable (queueStatus shows EXPIRED/COMPLETED/CANCELLED). */
const ENDED_RETENTION_MS = 3600_000;
/** The admission-rate average (an operators' statistic) forgets observations older than about this. */
const RATE_WINDOW_MS = 30_000;
/** Tickets per sign-of-life call and per batched re-read: each script call stays short. */
const TICKETS_PER_CALL = 500;

/** A new line's epoch: tells a line Redis lost (and rebuilt) from the one a token was issued in. */
const newEpoch = () => randomUUID().slice(0, 8);

/**
 * The waiting room: one fair line per concert in Redis. Every change is a single Lua script
 * (src/queue/lua) on Redis time, so any number of server processes, whatever their clocks say,
 * can share a line.
 */
export class QueueService {
  private readonly scripts: QueueCommands;
  private readonly watchers: QueueWatchers;
  /** Lines whose backlog this process is working off (see `drain`). */
  private readonly drains = new Map<string, Promise<void>>();
  private draining = true;

  constructor(
    private readonly redis: Redis,
    private readonly bus: EventBus,
    private readonly signer: QueueTokenSigner,
    readonly settings: QueueSettings,
    private readonly log: Logger,
  ) {
    this.scripts = queueCommands(redis);
    this.watchers = new QueueWatchers(bus, (concertId, states) => this.reread(concertId, states), Math.max(500, settings.admitIntervalMs));
  }

  private get graceMs() {
    return this.settings.restoreGraceSeconds * 1000;
  }

  /**
   * Joins the concert's line, or returns the caller's WAITING/ACTIVE ticket unchanged
   * (idempotent: the same token string comes back, however many calls race). The caller has
   * checked that the concert exists. One script call; a line new to the index costs one more.
   */
  async issue(userId: string, concertId: string): Promise<TicketState> {
    const [code, seq, rank, activeUntil, tokenId, epoch, issuedAt, outlookText, version, at, expiredSeq, indexGen] = await onRedis(this.scripts.join(concertId, userId, newEpoch(), this.graceMs));
    if (indexGen) await this.index(concertId, indexGen);
    // The user's old ticket had run out before a tick said so; its watchers hear it now.
    if (expiredSeq) await this.publish({ concertId, version, at, outlook: outlookText, expired: packSeqs([expiredSeq]) });
    return { tokenId, userId, concertId, seq, epoch, status: statusOfCode(code)!, issuedAt, activeUntil: activeUntil || null, position: rank >= 0 ? rank + 1 : null, outlook: parseOutlook(outlookText), version, at };
  }

  /**
   * The holder's current ticket from their signed token (any status). QUEUE_TOKEN_INVALID when
   * the token is forged, expired, of another user or concert, or no longer known.
   */
  async status(token: string | null, userId: string, concertId?: string): Promise<TicketState> {
    const claims = await this.signer.verify(token);
    if (claims.userId !== userId) throw fail.queueTokenOfAnotherUser();
    if (concertId !== undefined && claims.concertId !== concertId) throw fail.queueTokenOfAnotherConcert();
    const [code, rank, activeUntil, outlookText, version, at, restored, expiredSeq, indexGen] = await onRedis(this.scripts.status(claims.concertId, claims, newEpoch(), this.graceMs));
    const status = statusOfCode(code);
    if (!status) throw fail.queueTokenForgotten();
    if (indexGen) await this.index(claims.concertId, indexGen);
    if (restored) {
      // Redis lost the line; the holder is back at their signed place. Others behind them move.
      await this.publish({ concertId: claims.concertId, version, at, outlook: outlookText, inserted: packSeqs([claims.seq]) });
      this.log.info({ concertId: claims.concertId, tokenId: claims.tokenId }, 'queue ticket restored from its token');
    }
    if (expiredSeq) await this.publish({ concertId: claims.concertId, version, at, outlook: outlookText, expired: packSeqs([expiredSeq]) });
    // The token is this ticket's: the same string, no need to sign it again.
    return { ...claims, status, activeUntil: activeUntil || null, position: rank >= 0 ? rank + 1 : null, outlook: parseOutlook(outlookText), version, at, token: token! };
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
    const done = await onRedis(this.scripts.complete(concertId, tokenId));
    if (done) {
      const [version, seq, outlook, at] = done;
      await this.publish({ concertId, version, at, outlook, completed: packSeqs([seq]) });
    }
  }

  /**
   * One admission tick for one concert (see lua/admit.lua), and the work it left over (see
   * `drain`). Publishes one event per call that changed the line; returns the tick's, or null
   * when nothing changed or another process ticked already.
   */
  async tick(concertId: string): Promise<QueueEvent | null> {
    const { event, drain } = await this.tickLine(concertId, 0);
    await drain;
    return event;
  }

  /** Ticks every concert in the index of lines; backlogs are worked off meanwhile, not waited for. */
  async tickAll(): Promise<void> {
    const index = await onRedis(this.redis.zrange(QUEUE_INDEX_KEY, '0', '-1', 'WITHSCORES'));
    const ticks: Array<Promise<unknown>> = [];
    for (let i = 0; i < index.length; i += 2) ticks.push(this.tickLine(index[i], Number(index[i + 1])));
    await Promise.all(ticks);
  }

  /**
   * The tick itself; when it left work over (a mass leave), this process works off the rest until
   * the next tick. `indexGen`: the generation the admission loop found the line at in the index.
   */
  private async tickLine(concertId: string, indexGen: number): Promise<{ event: QueueEvent | null; drain?: Promise<void> }> {
    const step = await this.tickStep(concertId, indexGen, false);
    if (step === 'skipped') return { event: null };
    if (!step.more || !this.draining) return { event: step.event };
    let drain = this.drains.get(concertId);
    if (!drain) {
      drain = this.drain(concertId, indexGen, performance.now() + this.settings.admitIntervalMs).finally(() => this.drains.delete(concertId));
      this.drains.set(concertId, drain);
    }
    return { event: step.event, drain };
  }

  /**
   * Works off a line's backlog in more short calls until `until`, each after a pause twice as long
   * as the call before it took: Redis spends at most about a third of its time on it, every other
   * client waits for one short call at most, and a million fans leaving at once are gone in
   * seconds rather than the half hour of one call per tick.
   */
  private async drain(concertId: string, indexGen: number, until: number): Promise<void> {
    try {
      while (this.draining) {
        const started = performance.now();
        const step = await this.tickStep(concertId, indexGen, true);
        const took = performance.now() - started;
        if (step === 'skipped' || !step.more || performance.now() + 2 * took >= until) return;
        await new Promise((r) => setTimeout(r, 2 * took));
      }
    } catch (err) {
      // Redis down: the next tick finds the backlog again.
      this.log.warn({ err, concertId }, 'queue backlog call failed');
    }
  }

  /** Stops working off backlogs and waits for the calls under way (the admission loop's stop). */
  async stopDraining(): Promise<void> {
    this.draining = false;
    await Promise.all(this.drains.values());
  }

  private async tickStep(concertId: string, indexGen: number, continuing: boolean): Promise<'skipped' | { event: QueueEvent | null; more: boolean }> {
    const s = this.settings;
    const reply = await onRedis(
      this.scripts.admit(
        concertId,
        { maxActive: s.maxActive, activeMs: s.activeSeconds * 1000, idleMs: s.idleSeconds * 1000, intervalMs: s.admitIntervalMs, retentionMs: ENDED_RETENTION_MS, rateWindowMs: RATE_WINDOW_MS, batch: s.tickBatch },
        indexGen,
        continuing,
      ),
    );
    if (reply[0] === 0) {
      this.watchers.observe(concertId, reply[1]);
      return 'skipped';
    }
    const [, version, , , , , , , pruneGen, more] = reply;
    if (pruneGen) await onRedis(this.scripts.unindex(concertId, pruneGen));
    const event = tickEvent(concertId, reply);
    if (event) await this.publish(event);
    this.watchers.observe(concertId, version);
    return { event, more: more === 1 };
  }

  /**
   * The holder's ticket now and after every change, for the queuePosition subscription. It
   * listens before it reads, so no change is lost in between, and ends after a terminal status.
   * New positions come from the line's one event per change, applied by this process to all its
   * subscribers of the line, not from a Redis call each.
   */
  watch(token: string | null, userId: string, concertId: string): Repeater<TicketState> {
    return new Repeater<TicketState>(async (push, stop) => {
      const line = await this.watchers.open(concertId);
      try {
        const first = await this.status(token, userId, concertId);
        void push(first);
        if (isTerminal(first.status)) return void stop();
        const watcher: Watcher = {
          state: first,
          deliver: (state) => {
            void push(state);
            if (isTerminal(state.status)) stop();
          },
          fail: (error) => stop(error),
        };
        line.add(watcher);
        try {
          await stop;
        } finally {
          line.remove(watcher);
        }
      } finally {
        this.watchers.release(line, concertId);
      }
    });
  }

  /**
   * Refreshes the last-seen time of every holder with an open subscription on this process:
   * one script call per concert per 500 subscribers, on Redis time.
   */
  async touchWatched(): Promise<void> {
    for (const [concertId, tickets] of this.watchers.waiting()) {
      for (let i = 0; i < tickets.length; i += TICKETS_PER_CALL) {
        await onRedis(this.scripts.touch(concertId, tickets.slice(i, i + TICKETS_PER_CALL)));
      }
    }
  }

  /** The token string for a ticket: the same string every time for the same ticket. */
  async tokenFor(state: TicketState): Promise<string> {
    return state.token ?? this.signer.sign({ tokenId: state.tokenId, userId: state.userId, concertId: state.concertId, seq: state.seq, issuedAt: state.issuedAt, epoch: state.epoch });
  }

  /** Subscribers' tickets read again together, after they missed an event. */
  private async reread(concertId: string, states: TicketState[]): Promise<Array<TicketState | Error>> {
    const out: Array<TicketState | Error> = [];
    for (let i = 0; i < states.length; i += TICKETS_PER_CALL) {
      const chunk = states.slice(i, i + TICKETS_PER_CALL);
      const reply = await onRedis(this.scripts.positions(concertId, chunk));
      const [version, outlook, at] = [Number(reply[0]), parseOutlook(String(reply[1])), Number(reply[2])];
      const fresh = chunk.map(async (state, j): Promise<TicketState | Error> => {
        const [code, rank, activeUntil] = reply.slice(3 + j * 3, 6 + j * 3).map(Number);
        const status = statusOfCode(code);
        // Unknown to the line (lost with Redis, or forgotten): the holder's own status call decides.
        if (!status) return this.status(state.token ?? null, state.userId, concertId).catch((e: Error) => e);
        return { ...state, status, position: rank >= 0 ? rank + 1 : null, activeUntil: activeUntil || null, outlook, version, at };
      });
      out.push(...(await Promise.all(fresh)));
    }
    return out;
  }

  /** Puts a line (back) in the index the admission loop walks. */
  private async index(concertId: string, generation: number): Promise<void> {
    await onRedis(this.redis.zadd(QUEUE_INDEX_KEY, 'GT', generation, concertId));
  }

  private publish(event: QueueEvent): Promise<void> {
    return this.bus.publish(Topic.QueueChanged, event.concertId, event);
  }
}
