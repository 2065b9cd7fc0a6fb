import type { EntityManager } from '@mikro-orm/postgresql';
import { Repeater } from '@repeaterjs/repeater';
import { randomUUID } from 'node:crypto';
import type { Config } from '../config.js';
import { fail, ServiceUnavailableError } from '../errors.js';
import { Topic, type EventBus } from '../events/bus.js';
import type { Logger } from '../logger.js';
import { onRedis, type Redis } from '../redis.js';
import type { Admission } from './admission.js';
import { queueCommands, type QueueCommands, type SeatCount, type Unconfigured } from './commands.js';
import { parseOutlook } from './estimate.js';
import { packSeqs, tickEvent, type QueueEvent } from './events.js';
import { LineIndex } from './line-index.js';
import { concertQueueKeys } from './keys.js';
import { randomPermutation } from './permutation.js';
import type { WaitingRoomState } from './room.js';
import { changeLineSettings, type LineSettings, type LineSettingsPatch } from './settings.js';
import { isTerminal, prequeueUntil, QueueStatus, statusOfCode, type TicketState } from './ticket.js';
import type { QueueTokenSigner } from './token.js';
import { TicketStream } from './ticket-stream.js';
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

/** A script's reply for a line that has lost its settings (see `mirror`). */
const isUnconfigured = (reply: unknown[]): reply is Unconfigured => reply.length === 1 && reply[0] === -1;
const SOLD_OUT_CODE = 6;
const UNKNOWN_SEATS: SeatCount = { available: -1, unsold: -1 };
/** Bounds of an operator's settings. */
const MAX_ACTIVE_LIMIT = 100_000;
const ACTIVE_SECONDS_LIMIT = 86_400;

/** What the waiting room reads from PostgreSQL (wired in src/app.ts, so the queue imports no booking code). */
export interface QueueSources {
  /** The operator's settings of a line, mirrored into Redis whenever the line lacks them. */
  settingsOf(concertId: string): Promise<LineSettings>;
  /**
   * Seats of each concert's future performances, one statement for every line a tick walks;
   * concerts without any are absent (no seat rule applies to them).
   */
  seatCounts(concertIds: string[]): Promise<Map<string, SeatCount>>;
}

/** What the ticks tell metrics: counts of one line's tickets that changed (each counted by the one process that did it). */
export interface QueueObserver {
  ticked(concertId: string, counts: { admitted: number; expired: number; cancelled: number; soldOut: number }): void;
  completed(concertId: string): void;
}

/**
 * The waiting room: one fair line per concert in Redis. Every change is a single Lua script
 * (src/queue/lua) on Redis time, so any number of server processes, whatever their clocks say,
 * can share a line.
 */
export class QueueService {
  private readonly scripts: QueueCommands;
  private readonly watchers: QueueWatchers;
  private readonly lineIndex: LineIndex;
  /** Lines whose backlog this process is working off (see `drain`). */
  private readonly drains = new Map<string, Promise<void>>();
  private draining = true;

  constructor(
    private readonly redis: Redis,
    private readonly bus: EventBus,
    private readonly signer: QueueTokenSigner,
    readonly settings: QueueSettings,
    private readonly log: Logger,
    private readonly sources: QueueSources,
    private readonly observer?: QueueObserver,
  ) {
    this.scripts = queueCommands(redis);
    this.lineIndex = new LineIndex(redis);
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
    const reply = await this.configured(concertId, () => onRedis(this.scripts.join(concertId, userId, newEpoch(), this.graceMs)));
    const [code, seq, rank, activeUntil, tokenId, epoch, issuedAt, outlookText, version, at, expiredSeq, indexGen, signedSeq, opensAt, paused] = reply;
    if (indexGen) await this.index(concertId, indexGen);
    // The user's old ticket had run out before a tick said so; its watchers hear it now.
    if (expiredSeq) await this.publish({ concertId, version, at, outlook: outlookText, expired: packSeqs([expiredSeq]) });
    if (code === SOLD_OUT_CODE) throw fail.soldOut();
    return {
      tokenId,
      userId,
      concertId,
      seq,
      tokenSeq: signedSeq !== seq ? signedSeq : undefined,
      epoch,
      status: statusOfCode(code)!,
      issuedAt,
      activeUntil: activeUntil || null,
      position: rank >= 0 && !opensAt ? rank + 1 : null,
      outlook: parseOutlook(outlookText),
      version,
      at,
      opensAt: opensAt || null,
      paused: paused === 1,
    };
  }

  /**
   * The holder's current ticket from their signed token (any status). QUEUE_TOKEN_INVALID when
   * the token is forged, expired, of another user or concert, or no longer known.
   */
  async status(token: string | null, userId: string, concertId?: string): Promise<TicketState> {
    const claims = await this.signer.verify(token);
    if (claims.userId !== userId) throw fail.queueTokenOfAnotherUser();
    if (concertId !== undefined && claims.concertId !== concertId) throw fail.queueTokenOfAnotherConcert();
    const reply = await this.configured(claims.concertId, () => onRedis(this.scripts.status(claims.concertId, claims, newEpoch(), this.graceMs)));
    const [code, rank, activeUntil, outlookText, version, at, restored, expiredSeq, indexGen, seq, opensAt, paused] = reply;
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
    return {
      ...claims,
      seq,
      tokenSeq: seq !== claims.seq ? claims.seq : undefined,
      status,
      activeUntil: activeUntil || null,
      position: rank >= 0 && !opensAt ? rank + 1 : null,
      outlook: parseOutlook(outlookText),
      version,
      at,
      token: token!,
      opensAt: opensAt || null,
      paused: paused === 1,
    };
  }

  /**
   * A line script's reply, after giving the line its settings first when it had none (a new line,
   * or one Redis lost): the script refuses to act without them, so a lost pre-queue or pause is
   * never ignored for a moment.
   */
  private async configured<T extends unknown[]>(concertId: string, call: () => Promise<T | Unconfigured>): Promise<T> {
    let reply = await call();
    if (isUnconfigured(reply)) {
      await this.mirror(concertId);
      reply = await call();
    }
    if (isUnconfigured(reply)) throw new Error(`the line of ${concertId} lost its settings again`);
    return reply;
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
      this.observer?.completed(concertId);
      await this.publish({ concertId, version, at, outlook, completed: packSeqs([seq]) });
    }
  }

  /**
   * One admission tick for one concert (see lua/admit.lua), and the work it left over (see
   * `drain`). Publishes one event per call that changed the line; returns the tick's, or null
   * when nothing changed or another process ticked already.
   */
  async tick(concertId: string): Promise<QueueEvent | null> {
    const { event, drain } = await this.tickLine(concertId, 0, this.lineIndex.keyFor(concertId), (await this.seatCounts([concertId])).get(concertId) ?? UNKNOWN_SEATS);
    await drain;
    return event;
  }

  /**
   * Ticks every concert in the index of lines; backlogs are worked off meanwhile, not waited for.
   * On a cluster each partition of the index is read on its own: a shard that is down fails
   * only its own lines' ticks, and the first such failure is thrown once all the rest are done.
   */
  async tickAll(): Promise<void> {
    const partitions = await Promise.allSettled(this.lineIndex.keys().map(async (key) => ({ key, index: await onRedis(this.redis.zrange(key, '0', '-1', 'WITHSCORES')) })));
    const lines: Array<{ key: string; concertId: string; gen: number }> = [];
    for (const p of partitions) {
      if (p.status === 'fulfilled') for (let i = 0; i < p.value.index.length; i += 2) lines.push({ key: p.value.key, concertId: p.value.index[i], gen: Number(p.value.index[i + 1]) });
    }
    const seats = lines.length ? await this.seatCounts([...new Set(lines.map((l) => l.concertId))]) : new Map<string, SeatCount>();
    const ticks = await Promise.allSettled(lines.map((l) => this.tickLine(l.concertId, l.gen, l.key, seats.get(l.concertId) ?? UNKNOWN_SEATS)));
    const failed = [...partitions, ...ticks].find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /**
   * One statement per tick for every line (not one per fan): the seats decide whether a line
   * admits (none reservable: it waits) and whether it is sold out. PostgreSQL down: unknown, and
   * admission goes on as if seats were left.
   */
  private async seatCounts(concertIds: string[]): Promise<Map<string, SeatCount>> {
    try {
      return await this.sources.seatCounts(concertIds);
    } catch (err) {
      this.log.warn({ err }, 'seat counts unavailable; admitting without them');
      return new Map();
    }
  }

  /**
   * The tick itself; when it left work over (a mass leave), this process works off the rest until
   * the next tick. `indexGen`: the generation the admission loop found the line at in the index
   * (partition) `indexKey`.
   */
  private async tickLine(concertId: string, indexGen: number, indexKey: string, seats: SeatCount): Promise<{ event: QueueEvent | null; drain?: Promise<void> }> {
    const step = await this.tickStep(concertId, indexGen, indexKey, false, seats);
    if (step === 'skipped') return { event: null };
    if (!step.more || !this.draining) return { event: step.event };
    let drain = this.drains.get(concertId);
    if (!drain) {
      drain = this.drain(concertId, indexGen, indexKey, performance.now() + this.settings.admitIntervalMs, seats).finally(() => this.drains.delete(concertId));
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
  private async drain(concertId: string, indexGen: number, indexKey: string, until: number, seats: SeatCount): Promise<void> {
    try {
      while (this.draining) {
        const started = performance.now();
        const step = await this.tickStep(concertId, indexGen, indexKey, true, seats);
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

  private async tickStep(concertId: string, indexGen: number, indexKey: string, continuing: boolean, seats: SeatCount): Promise<'skipped' | { event: QueueEvent | null; more: boolean }> {
    const s = this.settings;
    const admit = () =>
      onRedis(
        this.scripts.admit(
          concertId,
          { maxActive: s.maxActive, activeMs: s.activeSeconds * 1000, idleMs: s.idleSeconds * 1000, intervalMs: s.admitIntervalMs, retentionMs: ENDED_RETENTION_MS, rateWindowMs: RATE_WINDOW_MS, batch: s.tickBatch },
          indexGen,
          continuing,
          seats,
        ),
      );
    let reply = await admit();
    if (reply[0] === 3) {
      await this.mirror(concertId);
      return 'skipped';
    }
    if (reply[0] === 2) {
      // The opening is due: shuffle the pre-queue, then tick the opened line at once.
      await this.shuffle(concertId, reply[3], reply[2]);
      reply = await admit();
    }
    if (reply[0] !== 1) {
      if (reply[0] === 0) this.watchers.observe(concertId, reply[1]);
      return 'skipped';
    }
    const [, version, , , left, admitted, , expired, pruneGen, more, soldOut, soldOutNow, room] = reply;
    if (pruneGen) await onRedis(this.scripts.unindex(indexKey, concertId, pruneGen));
    if (soldOutNow) this.log.info({ concertId }, 'concert sold out: the line is closed and everyone waiting ends SOLD_OUT');
    this.observer?.ticked(concertId, { admitted: admitted.length, expired: expired.length, soldOut: soldOut.length, cancelled: left.length - admitted.length - soldOut.length });
    const event = tickEvent(concertId, reply);
    if (event) await this.publish(event);
    this.watchers.observe(concertId, version);
    if (room) await this.publishRoom(concertId, room);
    return { event, more: more === 1 };
  }

  /**
   * The opening of a pre-queue: a uniformly random order drawn here with a cryptographic
   * generator (src/queue/permutation.ts) and applied by one script, once, whichever process gets
   * there first. Its subscribers read their new places again (the event does not list them).
   */
  private async shuffle(concertId: string, shuffleAt: string, n: number): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const reply = await onRedis(this.scripts.shuffle(concertId, shuffleAt, randomPermutation(n)));
      if (reply[0] === -1) {
        n = reply[1];
        continue;
      }
      if (reply[0] === 1) {
        const [, version, at, outlook, count] = reply;
        this.log.info({ concertId, shuffled: count }, 'line opened: the pre-queue was placed in a random order');
        await this.publish({ concertId, version, at, outlook, shuffled: true, shuffleAt: 0 });
      }
      return;
    }
  }

  /**
   * Puts the concert's settings (from PostgreSQL unless given) into its line in Redis, where every
   * process's next tick reads them, and tells the line's subscribers (pause, opening time).
   * Called when a line script finds the line without them: new, or lost with Redis.
   */
  async mirror(concertId: string, given?: LineSettings): Promise<void> {
    const settings = given ?? (await this.sources.settingsOf(concertId));
    const [version, at, outlook, indexGen, shuffleAt, paused] = await onRedis(
      this.scripts.configure(
        concertId,
        { opensAt: settings.opensAt ?? 0, paused: settings.paused, maxActive: settings.maxActive ?? 0, activeMs: (settings.activeSeconds ?? 0) * 1000 },
        newEpoch(),
        this.graceMs,
      ),
    );
    if (indexGen) await this.index(concertId, indexGen);
    await this.publish({ concertId, version, at, outlook, paused: paused === 1, shuffleAt });
  }

  /**
   * An operator's change to the concert's settings: kept in PostgreSQL and mirrored into the line
   * while the row is locked, so concurrent changes reach Redis in the order they were made. Every
   * process's next tick uses them. The caller has checked that the concert exists.
   */
  async changeSettings(em: EntityManager, concertId: string, patch: LineSettingsPatch): Promise<WaitingRoomState> {
    if (patch.maxActive != null && !(Number.isInteger(patch.maxActive) && patch.maxActive >= 1 && patch.maxActive <= MAX_ACTIVE_LIMIT)) {
      throw fail.badInput('settings.maxActive', `maxActive must be 1..${MAX_ACTIVE_LIMIT}`);
    }
    if (patch.activeSeconds != null && !(Number.isInteger(patch.activeSeconds) && patch.activeSeconds >= 1 && patch.activeSeconds <= ACTIVE_SECONDS_LIMIT)) {
      throw fail.badInput('settings.activeSeconds', `activeSeconds must be 1..${ACTIVE_SECONDS_LIMIT}`);
    }
    if (patch.opensAt != null && !Number.isFinite(patch.opensAt)) throw fail.badInput('settings.opensAt', 'opensAt must be a valid time');
    await em.transactional(async (tx) => {
      await this.mirror(concertId, await changeLineSettings(tx, concertId, patch));
    });
    return this.room(concertId);
  }

  /**
   * The operator's live view: now, then after every tick that changed it (at most one per tick,
   * published by the process that ticked). Listens before it reads, so nothing is lost between.
   */
  watchRoom(concertId: string): Repeater<WaitingRoomState> {
    return new Repeater<WaitingRoomState>(async (push, stop) => {
      const unlisten = await this.bus.listen(Topic.WaitingRoomChanged, concertId, (view) => void push(view));
      try {
        await push(await this.room(concertId));
        await stop;
      } finally {
        unlisten();
      }
    });
  }

  /** The line as its operator sees it: settings in force (the process's where unset) and live figures. */
  async room(concertId: string): Promise<WaitingRoomState> {
    const [waiting, active, rate, maxActive, activeMs, paused, shuffleAt, soldOut, configured] = await onRedis(this.scripts.room(concertId));
    // A line nobody has joined yet has no copy of its settings in Redis: read them where they are kept.
    const settings = configured ? null : await this.sources.settingsOf(concertId);
    const at = Number((await onRedis(this.redis.time()))[0]) * 1000;
    return {
      concertId,
      opensAt: settings ? (settings.opensAt !== null && settings.opensAt > at ? settings.opensAt : null) : shuffleAt || null,
      paused: settings ? settings.paused : paused === 1,
      soldOut: soldOut === 1,
      maxActive: (settings ? settings.maxActive : maxActive) || this.settings.maxActive,
      activeSeconds: settings ? (settings.activeSeconds ?? this.settings.activeSeconds) : activeMs ? Math.round(activeMs / 1000) : this.settings.activeSeconds,
      waiting,
      active,
      rate: Number(rate),
    };
  }

  /**
   * WAITING and ACTIVE tickets of every line in the index (for metrics), all calls at once (a
   * pipeline would have to stay in one slot on a cluster; calls in flight together go out as one
   * on a single server anyway).
   */
  async lineSizes(): Promise<Array<{ concertId: string; waiting: number; active: number }>> {
    const ids = [...new Set((await Promise.all(this.lineIndex.keys().map((key) => onRedis(this.redis.zrange(key, '0', '-1'))))).flat())];
    return Promise.all(
      ids.map(async (concertId) => {
        const keys = concertQueueKeys(concertId);
        const [waiting, active] = await onRedis(Promise.all([this.redis.zcard(keys.waiting), this.redis.zcard(keys.active)]));
        return { concertId, waiting, active };
      }),
    );
  }

  /** The operator's live view, after a tick that changed what it shows (at most once per tick, from the tick's own reply). */
  private async publishRoom(concertId: string, room: string): Promise<void> {
    const [waiting, active, rate, maxActive, activeMs, paused, shuffleAt, soldOut] = room.split(' ').map(Number);
    const view: WaitingRoomState = { concertId, opensAt: shuffleAt || null, paused: paused === 1, soldOut: soldOut === 1, maxActive, activeSeconds: Math.round(activeMs / 1000), waiting, active, rate };
    try {
      await this.bus.publish(Topic.WaitingRoomChanged, concertId, view);
    } catch (err) {
      this.log.warn({ err, concertId }, 'waiting room view not published');
    }
  }

  /**
   * The holder's ticket now and after every change, for the queuePosition subscription. It
   * listens before it reads, so no change is lost in between, and ends after a terminal status.
   * New positions come from the line's one event per change, applied by this process to all its
   * subscribers of the line, not from a Redis call each.
   */
  async watch(token: string | null, userId: string, concertId: string): Promise<AsyncIterableIterator<TicketState>> {
    // Listening needs Redis before the ticket read does. Without the subscriber connection the
    // subscription could hear nothing: refused at once, as the read would be.
    if (!this.bus.connected) throw new ServiceUnavailableError('Redis');
    const line = await onRedis(this.watchers.open(concertId));
    let first: TicketState;
    try {
      // The subscription's one read of the ticket (it also refuses a bad token before the stream begins).
      first = await this.status(token, userId, concertId);
    } catch (e) {
      this.watchers.release(line, concertId);
      throw e;
    }
    const watcher: Watcher = {
      state: first,
      deliver: (state) => {
        stream.push(state);
        if (isTerminal(state.status)) stream.end();
      },
      fail: (error) => stream.end(error),
    };
    const stream = new TicketStream<TicketState>(() => {
      line.remove(watcher);
      this.watchers.release(line, concertId);
    });
    stream.push(first);
    if (isTerminal(first.status)) stream.end();
    else line.add(watcher);
    return stream;
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
    return state.token ?? this.signer.sign({ tokenId: state.tokenId, userId: state.userId, concertId: state.concertId, seq: state.tokenSeq ?? state.seq, issuedAt: state.issuedAt, epoch: state.epoch });
  }

  /** Subscribers' tickets read again together, after they missed an event. */
  private async reread(concertId: string, states: TicketState[]): Promise<Array<TicketState | Error>> {
    const out: Array<TicketState | Error> = [];
    for (let i = 0; i < states.length; i += TICKETS_PER_CALL) {
      const chunk = states.slice(i, i + TICKETS_PER_CALL);
      const reply = await onRedis(this.scripts.positions(concertId, chunk));
      const [version, at, shuffleAt, paused] = [reply[0], reply[2], reply[3], reply[4]].map(Number);
      const outlook = parseOutlook(String(reply[1]));
      const fresh = chunk.map(async (state, j): Promise<TicketState | Error> => {
        const [code, rank, activeUntil, seq] = reply.slice(5 + j * 4, 9 + j * 4).map(Number);
        const status = statusOfCode(code);
        // Unknown to the line (lost with Redis, or forgotten): the holder's own status call decides.
        if (!status) return this.status(state.token ?? null, state.userId, concertId).catch((e: Error) => e);
        const opensAt = status === QueueStatus.WAITING ? prequeueUntil(shuffleAt, seq) : null;
        const tokenSeq = state.tokenSeq ?? state.seq;
        return {
          ...state,
          seq,
          tokenSeq: tokenSeq !== seq ? tokenSeq : undefined,
          status,
          position: rank >= 0 && opensAt === null ? rank + 1 : null,
          activeUntil: activeUntil || null,
          outlook,
          version,
          at,
          opensAt,
          paused: paused === 1,
        };
      });
      out.push(...(await Promise.all(fresh)));
    }
    return out;
  }

  /** Puts a line (back) in the index the admission loop walks. */
  private async index(concertId: string, generation: number): Promise<void> {
    await onRedis(this.redis.zadd(this.lineIndex.keyFor(concertId), 'GT', generation, concertId));
  }

  private publish(event: QueueEvent): Promise<void> {
    return this.bus.publish(Topic.QueueChanged, event.concertId, event);
  }
}
