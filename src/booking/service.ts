import { sql } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Repeater } from '@repeaterjs/repeater';
import { Concert } from '../entities/Concert.js';
import { ConcertSchedule } from '../entities/ConcertSchedule.js';
import { Reservation, ReservationStatus } from '../entities/Reservation.js';
import { RESERVABLE_SEAT_SQL, Seat, SEATS_PER_SCHEDULE } from '../entities/Seat.js';
import { DomainError, ErrorCode, fail } from '../errors.js';
import { Topic, type EventBus } from '../events/bus.js';
import type { Logger } from '../logger.js';
import { assertCovers, type Admission } from '../queue/admission.js';
import { isTerminal, type TicketState } from '../queue/ticket.js';
import { lockOwnReservation, lockUser } from './locks.js';
import { SeatMaps, type ReservableSeat } from './seat-maps.js';

/**
 * A seat as a committed change left it: the payload of seatsChanged. It carries the stored
 * status, which is what the change did; a status derived from a clock when the notice is
 * delivered would report something else (a hold published a moment before it runs out would
 * arrive as AVAILABLE, and the seat map would never see it HELD). Plain data, because it
 * travels between processes as JSON.
 */
export type SeatChange = Pick<Seat, 'id' | 'number' | 'price' | 'status'> & { scheduleId: string };

declare module '../events/bus.js' {
  interface TopicPayloads {
    [Topic.SeatChanged]: SeatChange;
  }
}

const seatChange = (seat: Seat): SeatChange => ({ id: seat.id, scheduleId: seat.schedule.id, number: seat.number, price: seat.price, status: seat.status });

/** A seat a hold is attempted on, as read before the attempt (`reservable`: null when there is no such seat). */
interface HoldTarget {
  id: string;
  concert_id: string;
  started: boolean;
  reservable: boolean | null;
}

/** An attempt to hold one seat under way in this process: what it read, and whether the seat was taken (by it or before it). */
interface SeatAttempt {
  target: Promise<HoldTarget | null>;
  taken: Promise<boolean>;
}

/**
 * The target if this caller may try to hold the seat now: NOT_FOUND, the admission's concert,
 * the performance not started, the seat reservable when read (a fast refusal without a
 * transaction for a seat plainly taken; the conditional UPDATE still decides every race).
 */
function reservableTarget(target: HoldTarget | null, admission: Admission, seatNumber: number): HoldTarget {
  if (!target) throw fail.notFound('Schedule');
  assertCovers(admission, target.concert_id);
  if (target.started) throw fail.performanceStarted();
  if (!target.reservable) throw fail.seatUnavailable(seatNumber);
  return target;
}

/** A future performance with how many of its seats can be reserved now (at least one). */
export interface AvailableDate {
  schedule: ConcertSchedule;
  availableSeatCount: number;
}

export interface BookingSettings {
  holdSeconds: number;
  maxHoldsPerUser: number;
}

/** What booking tells metrics, after each commit. */
export interface BookingObserver {
  held(seats: number): void;
  holdsExpired(seats: number): void;
}

/**
 * The booking rules: what can be reserved, holds and their release. Seat contention is decided
 * by PostgreSQL: one conditional UPDATE of the seat row, so of any number of simultaneous
 * attempts (from any number of processes) exactly one matches. Statements that must decide in
 * one go are SQL returning whole rows, mapped onto the entities (`em.map`), so a table's columns
 * are declared only in its entity.
 */
export class BookingService {
  private readonly seatMaps: SeatMaps;
  /** Hold attempts under way in this process, by `scheduleId/seatNumber` (see `reserve`). */
  private readonly attempts = new Map<string, SeatAttempt>();

  constructor(
    private readonly bus: EventBus,
    private readonly settings: BookingSettings,
    private readonly log: Logger,
    private readonly observer?: BookingObserver,
  ) {
    this.seatMaps = new SeatMaps(bus);
  }

  /** Forgets the seat maps and stops listening for their changes (the app's close). */
  close(): void {
    this.seatMaps.close();
  }

  /** The schedule (its concert as a reference); NOT_FOUND when it does not exist. */
  async scheduleOf(em: EntityManager, scheduleId: string): Promise<ConcertSchedule> {
    const schedule = await em.findOne(ConcertSchedule, scheduleId);
    if (!schedule) throw fail.notFound('Schedule');
    return schedule;
  }

  /**
   * Future schedules of the concert with at least one reservable seat, soonest first. Seat reads
   * that only inform (this, `availableSeats`) come from a read replica when one is configured
   * (DATABASE_READ_URL) and may lag it by a moment; holding a seat decides on the primary.
   */
  async availableDates(em: EntityManager, admission: Admission, concertId: string): Promise<AvailableDate[]> {
    if (!(await em.count(Concert, { id: concertId }))) throw fail.notFound('Concert');
    assertCovers(admission, concertId);
    const rows = await em.getConnection('read').execute<Array<Record<string, unknown> & { n: string }>>(
      `select cs.*, count(*) filter (where ${RESERVABLE_SEAT_SQL}) as n
         from concert_schedule cs join seat s on s.schedule_id = cs.id
        where cs.concert_id = ? and cs.starts_at > now()
        group by cs.id having count(*) filter (where ${RESERVABLE_SEAT_SQL}) > 0
        order by cs.starts_at, cs.id`,
      [concertId],
    );
    return rows.map(({ n, ...schedule }) => ({ schedule: em.map(ConcertSchedule, schedule), availableSeatCount: Number(n) }));
  }

  /**
   * For each concert with future performances: its seats that can be reserved now, and those not
   * sold. One statement for any number of concerts (the admission tick asks once for every line).
   */
  async seatCounts(em: EntityManager, concertIds: string[]): Promise<Map<string, { available: number; unsold: number }>> {
    if (!concertIds.length) return new Map();
    const rows = await em.execute<Array<{ concert_id: string; available: string; unsold: string }>>(
      `select cs.concert_id, count(*) filter (where ${RESERVABLE_SEAT_SQL}) as available, count(*) filter (where s.status <> 'SOLD') as unsold
         from concert_schedule cs join seat s on s.schedule_id = cs.id
        where cs.concert_id in (${concertIds.map(() => '?').join(', ')}) and cs.starts_at > now()
        group by cs.concert_id`,
      concertIds,
    );
    return new Map(rows.map((r) => [r.concert_id, { available: Number(r.available), unsold: Number(r.unsold) }]));
  }

  /**
   * The seats of 1..50 that can be reserved now, by number; none once the performance has
   * started. Served from the performance's seat map (`seat-maps.ts`), which a seat change
   * anywhere drops; NOT_FOUND when the performance does not exist.
   */
  async availableSeats(em: EntityManager, admission: Admission, scheduleId: string): Promise<readonly ReservableSeat[]> {
    const map = await this.seatMaps.get(em, scheduleId);
    if (!map) throw fail.notFound('Schedule');
    assertCovers(admission, map.concertId);
    return map.seats;
  }

  /**
   * Holds a seat for SEAT_HOLD_SECONDS. In one transaction: the user's row lock serializes their
   * own holds (so the per-user limit holds under concurrency), one conditional UPDATE takes the
   * seat if reservable, a stale hold on it is marked EXPIRED, the reservation is inserted.
   *
   * A rush on one seat makes one attempt at a time in this process: the others wait for it, and
   * once it holds the seat (or finds it taken) they are refused without a transaction of their
   * own, the answer the database would give them a moment later. Any other outcome (the first
   * caller was at their hold limit, or not admitted for this concert) lets the next one try. The
   * database still decides every race, between processes too; this only spares it 19 doomed
   * transactions of 20 when a sale opens (measured: 1,000 simultaneous holds over 50 seats).
   */
  async reserve(em: EntityManager, admission: Admission, scheduleId: string, seatNumber: number): Promise<Reservation> {
    if (!Number.isInteger(seatNumber) || seatNumber < 1 || seatNumber > SEATS_PER_SCHEDULE) {
      throw fail.badInput('seatNumber', `seatNumber must be between 1 and ${SEATS_PER_SCHEDULE}`);
    }
    const key = `${scheduleId}/${seatNumber}`;
    for (let ahead = this.attempts.get(key); ahead; ahead = this.attempts.get(key)) {
      // The same checks as our own attempt would make, on the row the one ahead read.
      reservableTarget(await ahead.target, admission, seatNumber);
      if (await ahead.taken) throw fail.seatUnavailable(seatNumber);
    }
    let settle!: (taken: boolean) => void;
    const attempt: SeatAttempt = { target: this.readTarget(em, scheduleId, seatNumber), taken: new Promise((done) => (settle = done)) };
    // Whoever waits on it only wants its verdict, never its error.
    attempt.target.catch(() => undefined);
    this.attempts.set(key, attempt);
    try {
      const reservation = await this.hold(em, admission, reservableTarget(await attempt.target, admission, seatNumber), seatNumber);
      settle(true);
      return reservation;
    } catch (e) {
      settle(e instanceof DomainError && e.code === ErrorCode.SEAT_UNAVAILABLE);
      throw e;
    } finally {
      if (this.attempts.get(key) === attempt) this.attempts.delete(key);
    }
  }

  /** The performance and seat a hold is for, read without a transaction; null when the performance does not exist. */
  private async readTarget(em: EntityManager, scheduleId: string, seatNumber: number): Promise<HoldTarget | null> {
    const [target] = await em.execute<HoldTarget[]>(
      `select cs.id, cs.concert_id, cs.starts_at <= now() as started, ${RESERVABLE_SEAT_SQL} as reservable
         from concert_schedule cs left join seat s on s.schedule_id = cs.id and s.number = ?
        where cs.id = ?`,
      [seatNumber, scheduleId],
    );
    return target ?? null;
  }

  private async hold(em: EntityManager, admission: Admission, target: HoldTarget, seatNumber: number): Promise<Reservation> {
    const { reservation, seat } = await em.transactional(async (tx) => {
      await lockUser(tx, admission.userId);
      const holding = await tx.count(Reservation, { user: admission.userId, status: ReservationStatus.HELD, expiresAt: { $gt: sql.now() } });
      if (holding >= this.settings.maxHoldsPerUser) throw fail.holdLimitReached(holding, this.settings.maxHoldsPerUser);
      const [taken] = await tx.execute(
        `update seat s set status = 'HELD', held_until = now() + make_interval(secs => ?)
          where s.schedule_id = ? and s.number = ? and ${RESERVABLE_SEAT_SQL}
          returning *`,
        [this.settings.holdSeconds, target.id, seatNumber],
      );
      if (!taken) throw fail.seatUnavailable(seatNumber);
      const seat = tx.map(Seat, taken);
      // A hold that ran out but was not swept yet: it ends now, in the same transaction.
      await tx.nativeUpdate(Reservation, { seat, status: ReservationStatus.HELD }, { status: ReservationStatus.EXPIRED });
      // Inserted when the transaction flushes, with its id and creation time from the database.
      const reservation = tx.create(Reservation, { user: admission.userId, seat, status: ReservationStatus.HELD, price: seat.price, expiresAt: seat.heldUntil });
      return { reservation, seat };
    });
    this.observer?.held(1);
    await this.publishSeats([seat]);
    return reservation;
  }

  /** Releases the caller's own HELD reservation at once. */
  async cancel(em: EntityManager, userId: string, reservationId: string): Promise<Reservation> {
    const { reservation, seat } = await em.transactional(async (tx) => {
      const { reservation, live } = await lockOwnReservation(tx, userId, reservationId);
      if (reservation.status === ReservationStatus.CANCELLED) return { reservation, seat: null };
      if (reservation.status === ReservationStatus.CONFIRMED) throw fail.paidCannotBeCancelled();
      // Ran out by the database's clock, the one the hold was made by (and pay decides by).
      if (reservation.status !== ReservationStatus.HELD || !live) throw fail.holdRanOut();
      reservation.status = ReservationStatus.CANCELLED;
      reservation.expiresAt = null;
      const [released] = await tx.execute(`update seat set status = 'AVAILABLE', held_until = null where id = ? and status = 'HELD' returning *`, [
        reservation.seat.id,
      ]);
      return { reservation, seat: released ? tx.map(Seat, released) : null };
    });
    if (seat) await this.publishSeats([seat]);
    return reservation;
  }

  /** The caller's reservations, newest first (at most 200). */
  myReservations(em: EntityManager, userId: string): Promise<Reservation[]> {
    // refresh: a WebSocket connection keeps one EntityManager, which may hold older copies.
    return em.find(Reservation, { user: userId }, { orderBy: { createdAt: 'desc', id: 'asc' }, limit: 200, refresh: true });
  }

  /**
   * Releases holds whose time ran out: seats AVAILABLE, reservations EXPIRED, each change
   * published. Several processes may sweep at once: rows another sweeper (or a payment or a
   * cancel) has locked are skipped, never waited for, so sweeping cannot deadlock with them.
   */
  async sweepExpiredHolds(em: EntityManager, batch = 500): Promise<number> {
    const freed = await em.transactional(async (tx) => {
      const rows = await tx.execute(
        `with due as (
           select s.id from seat s where s.status = 'HELD' and s.held_until <= now()
            order by s.held_until limit ? for update skip locked
         ), expired as (
           update reservation r set status = 'EXPIRED'
            where r.id in (select r2.id from reservation r2 join due on r2.seat_id = due.id where r2.status = 'HELD' for update skip locked)
         )
         update seat s set status = 'AVAILABLE', held_until = null from due where s.id = due.id
         returning s.*`,
        [batch],
      );
      return rows.map((row) => tx.map(Seat, row));
    });
    this.observer?.holdsExpired(freed.length);
    if (freed.length) await this.publishSeats(freed);
    return freed.length;
  }

  /**
   * The seatsChanged stream: every seat change of the schedule, from any process, for as long as
   * the holder's queue ticket stays live. It ends with the ticket (expired, completed by a
   * payment, cancelled), since the admission it was granted for ends then too.
   */
  watchSeats(scheduleId: string, ticket: AsyncIterableIterator<TicketState>): Repeater<SeatChange> {
    return new Repeater<SeatChange>(async (push, stop) => {
      const unlisten = await this.bus.listen(Topic.SeatChanged, scheduleId, (seat) => void push(seat));
      void (async () => {
        try {
          for await (const state of ticket) if (isTerminal(state.status)) break;
        } catch {
          // The ticket can no longer be read: the admission is over as far as this stream knows.
        } finally {
          stop();
        }
      })();
      await stop;
      unlisten();
      await ticket.return?.();
    });
  }

  /**
   * Announces seats on seatsChanged as the transaction that just committed left them (call it
   * after the commit, with the rows its statements returned).
   */
  async publishSeats(seats: Seat[]): Promise<void> {
    try {
      await Promise.all(seats.map((seat) => this.bus.publish(Topic.SeatChanged, seat.schedule.id, seatChange(seat))));
    } catch (err) {
      // The change is committed; a lost notice only delays a live seat map until its next read.
      this.log.warn({ err }, 'seat change not published');
    }
  }
}
