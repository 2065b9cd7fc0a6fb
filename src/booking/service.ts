import type { EntityManager } from '@mikro-orm/postgresql';
import { Repeater } from '@repeaterjs/repeater';
import { ReservationStatus } from '../entities/Reservation.js';
import { RESERVABLE_SEAT_SQL, SEATS_PER_SCHEDULE } from '../entities/Seat.js';
import { fail } from '../errors.js';
import { Topic, type EventBus } from '../events/bus.js';
import type { Logger } from '../logger.js';
import { assertCovers, type Admission } from '../queue/admission.js';
import { isTerminal, type TicketState } from '../queue/ticket.js';
import type { ConcertScheduleType } from '../resolvers/catalogue/types.js';
import type { ReservationType, SeatType } from '../resolvers/booking/types.js';
import { committedSeat, RESERVATION_COLUMNS, SEAT_COLUMNS, toReservation, toSeat, type ReservationRow, type SeatRow } from './seat-status.js';

declare module '../events/bus.js' {
  interface TopicPayloads {
    [Topic.SeatChanged]: SeatType;
  }
}

export interface BookingSettings {
  holdSeconds: number;
  maxHoldsPerUser: number;
}

/**
 * Every transaction that touches several of these rows locks them in one order: the user, then
 * the seat, then its reservations (reserve, pay, cancel and the sweeper all do), so two of them
 * can wait for each other but never deadlock. This locks the caller's reservation that way (its
 * seat first) and returns it with its concert and whether its hold is still running by the
 * database's clock; NOT_FOUND when it is not the caller's.
 */
export async function lockOwnReservation(tx: EntityManager, userId: string, reservationId: string): Promise<ReservationRow & { concert_id: string; live: boolean }> {
  const [found] = await tx.execute<{ seat_id: string }[]>('select seat_id from reservation where id = ? and user_id = ?', [reservationId, userId]);
  if (!found) throw fail.notFound('Reservation');
  await tx.execute('select id from seat where id = ? for update', [found.seat_id]);
  const [row] = await tx.execute<Array<ReservationRow & { concert_id: string; live: boolean }>>(
    `select ${RESERVATION_COLUMNS}, cs.concert_id, (r.expires_at > now()) as live
       from reservation r join seat s on s.id = r.seat_id join concert_schedule cs on cs.id = s.schedule_id
      where r.id = ? for update of r`,
    [reservationId],
  );
  return row;
}

/**
 * The booking rules: what can be reserved, holds and their release. Seat contention is decided
 * by PostgreSQL: one conditional UPDATE of the seat row, so of any number of simultaneous
 * attempts (from any number of processes) exactly one matches.
 */
export class BookingService {
  constructor(
    private readonly bus: EventBus,
    private readonly settings: BookingSettings,
    private readonly log: Logger,
  ) {}

  /** The schedule and its concert; NOT_FOUND when it does not exist. */
  async scheduleOf(em: EntityManager, scheduleId: string): Promise<{ id: string; concertId: string; startsAt: Date }> {
    const [row] = await em.execute<{ id: string; concert_id: string; starts_at: Date }[]>(
      'select id, concert_id, starts_at from concert_schedule where id = ?',
      [scheduleId],
    );
    if (!row) throw fail.notFound('Schedule');
    return { id: row.id, concertId: row.concert_id, startsAt: new Date(row.starts_at) };
  }

  /** Future schedules of the concert with at least one reservable seat, soonest first. */
  async availableDates(em: EntityManager, admission: Admission, concertId: string): Promise<ConcertScheduleType[]> {
    const [concert] = await em.execute<{ id: string }[]>('select id from concert where id = ?', [concertId]);
    if (!concert) throw fail.notFound('Concert');
    assertCovers(admission, concert.id);
    const rows = await em.execute<{ id: string; concert_id: string; starts_at: Date; n: string }[]>(
      `select cs.id, cs.concert_id, cs.starts_at, count(*) filter (where ${RESERVABLE_SEAT_SQL}) as n
         from concert_schedule cs join seat s on s.schedule_id = cs.id
        where cs.concert_id = ? and cs.starts_at > now()
        group by cs.id having count(*) filter (where ${RESERVABLE_SEAT_SQL}) > 0
        order by cs.starts_at, cs.id`,
      [concert.id],
    );
    return rows.map((r) => ({ id: r.id, concertId: r.concert_id, startsAt: new Date(r.starts_at), availableSeatCount: Number(r.n) }));
  }

  /**
   * The seats of 1..50 that can be reserved now, by number. One statement: the schedule (for
   * NOT_FOUND and the gate's concert check) with its reservable seats, none once it has started.
   */
  async availableSeats(em: EntityManager, admission: Admission, scheduleId: string): Promise<SeatType[]> {
    const rows = await em.execute<Array<Partial<SeatRow> & { concert_id: string }>>(
      `select cs.concert_id, ${SEAT_COLUMNS}
         from concert_schedule cs
         left join seat s on s.schedule_id = cs.id and cs.starts_at > now() and ${RESERVABLE_SEAT_SQL}
        where cs.id = ? order by s.number`,
      [scheduleId],
    );
    if (!rows.length) throw fail.notFound('Schedule');
    assertCovers(admission, rows[0].concert_id);
    return rows.filter((r) => r.id).map((r) => toSeat(r as SeatRow));
  }

  /**
   * Holds a seat for SEAT_HOLD_SECONDS. In one transaction: the user's row lock serializes their
   * own holds (so the per-user limit holds under concurrency), one conditional UPDATE takes the
   * seat if reservable, a stale hold on it is marked EXPIRED, the reservation is inserted.
   */
  async reserve(em: EntityManager, admission: Admission, scheduleId: string, seatNumber: number): Promise<ReservationType> {
    if (!Number.isInteger(seatNumber) || seatNumber < 1 || seatNumber > SEATS_PER_SCHEDULE) {
      throw fail.badInput('seatNumber', `seatNumber must be between 1 and ${SEATS_PER_SCHEDULE}`);
    }
    const [target] = await em.execute<{ id: string; concert_id: string; started: boolean; reservable: boolean | null }[]>(
      `select cs.id, cs.concert_id, cs.starts_at <= now() as started, ${RESERVABLE_SEAT_SQL} as reservable
         from concert_schedule cs left join seat s on s.schedule_id = cs.id and s.number = ?
        where cs.id = ?`,
      [seatNumber, scheduleId],
    );
    if (!target) throw fail.notFound('Schedule');
    assertCovers(admission, target.concert_id);
    if (target.started) throw fail.performanceStarted();
    // Fast refusal without a transaction when the seat is plainly taken (most of a rush for
    // one seat); the conditional UPDATE below still decides every race.
    if (!target.reservable) throw fail.seatUnavailable(seatNumber);
    const { reservation, seat } = await em.transactional(async (tx) => {
      await tx.execute('select id from app_user where id = ? for update', [admission.userId]);
      const [{ n }] = await tx.execute<{ n: string }[]>(
        `select count(*) as n from reservation where user_id = ? and status = 'HELD' and expires_at > now()`,
        [admission.userId],
      );
      if (Number(n) >= this.settings.maxHoldsPerUser) {
        throw fail.holdLimitReached(Number(n), this.settings.maxHoldsPerUser);
      }
      const [seat] = await tx.execute<SeatRow[]>(
        `update seat s set status = 'HELD', held_until = now() + make_interval(secs => ?)
          where s.schedule_id = ? and s.number = ? and ${RESERVABLE_SEAT_SQL}
          returning ${SEAT_COLUMNS}`,
        [this.settings.holdSeconds, target.id, seatNumber],
      );
      if (!seat) throw fail.seatUnavailable(seatNumber);
      // A hold that ran out but was not swept yet: it ends now, in the same transaction.
      await tx.execute(`update reservation set status = 'EXPIRED' where seat_id = ? and status = 'HELD'`, [seat.id]);
      const [reservation] = await tx.execute<ReservationRow[]>(
        `insert into reservation as r (user_id, seat_id, status, price, expires_at, queue_token_id)
         values (?, ?, 'HELD', ?, ?, ?) returning ${RESERVATION_COLUMNS}`,
        [admission.userId, seat.id, seat.price, seat.held_until, admission.tokenId],
      );
      return { reservation, seat };
    });
    await this.publishSeats([committedSeat(seat)]);
    return toReservation(reservation);
  }

  /** Releases the caller's own HELD reservation at once. */
  async cancel(em: EntityManager, userId: string, reservationId: string): Promise<ReservationType> {
    const id = reservationId;
    const { reservation, seat } = await em.transactional(async (tx) => {
      const r = await lockOwnReservation(tx, userId, id);
      const current = toReservation(r);
      if (current.status === ReservationStatus.CANCELLED) return { reservation: r, seat: null };
      if (current.status === ReservationStatus.EXPIRED) throw fail.holdRanOut();
      if (current.status === ReservationStatus.CONFIRMED) throw fail.paidCannotBeCancelled();
      const [cancelled] = await tx.execute<ReservationRow[]>(
        `update reservation r set status = 'CANCELLED', expires_at = null where r.id = ? returning ${RESERVATION_COLUMNS}`,
        [id],
      );
      const [seat] = await tx.execute<SeatRow[]>(
        `update seat s set status = 'AVAILABLE', held_until = null where s.id = ? and s.status = 'HELD' returning ${SEAT_COLUMNS}`,
        [r.seat_id],
      );
      return { reservation: cancelled, seat: seat ?? null };
    });
    if (seat) await this.publishSeats([committedSeat(seat)]);
    return toReservation(reservation);
  }

  /** The caller's reservations, newest first (at most 200). */
  async myReservations(em: EntityManager, userId: string): Promise<ReservationType[]> {
    const rows = await em.execute<ReservationRow[]>(
      `select ${RESERVATION_COLUMNS} from reservation r where r.user_id = ? order by r.created_at desc, r.id limit 200`,
      [userId],
    );
    const now = Date.now();
    return rows.map((r) => toReservation(r, now));
  }

  /**
   * Releases holds whose time ran out: seats AVAILABLE, reservations EXPIRED, each change
   * published. Several processes may sweep at once: rows another sweeper (or a payment or a
   * cancel) has locked are skipped, never waited for, so sweeping cannot deadlock with them.
   */
  async sweepExpiredHolds(em: EntityManager, batch = 500): Promise<number> {
    const freed = await em.transactional((tx) =>
      tx.execute<SeatRow[]>(
        `with due as (
           select s.id from seat s where s.status = 'HELD' and s.held_until <= now()
            order by s.held_until limit ? for update skip locked
         ), expired as (
           update reservation r set status = 'EXPIRED'
            where r.id in (select r2.id from reservation r2 join due on r2.seat_id = due.id where r2.status = 'HELD' for update skip locked)
         )
         update seat s set status = 'AVAILABLE', held_until = null from due where s.id = due.id
         returning ${SEAT_COLUMNS}`,
        [batch],
      ),
    );
    if (freed.length) await this.publishSeats(freed.map(committedSeat));
    return freed.length;
  }

  /**
   * The seatsChanged stream: every seat change of the schedule, from any process, for as long as
   * the holder's queue ticket stays live. It ends with the ticket (expired, completed by a
   * payment, cancelled), since the admission it was granted for ends then too.
   */
  watchSeats(scheduleId: string, ticket: AsyncIterableIterator<TicketState>): Repeater<SeatType> {
    return new Repeater<SeatType>(async (push, stop) => {
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

  /** Announces seat changes on seatsChanged, after the transaction committed. */
  async publishSeats(seats: SeatType[]): Promise<void> {
    try {
      await Promise.all(seats.map((seat) => this.bus.publish(Topic.SeatChanged, seat.scheduleId, seat)));
    } catch (err) {
      // The change is committed; a lost notice only delays a live seat map until its next read.
      this.log.warn({ err }, 'seat change not published');
    }
  }
}
