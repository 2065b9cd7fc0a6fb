import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { ConcertSchedule } from './ConcertSchedule.js';

export enum SeatStatus {
  AVAILABLE = 'AVAILABLE',
  HELD = 'HELD',
  SOLD = 'SOLD',
}

/** Seats are numbered 1..50 within a schedule. */
export const SEATS_PER_SCHEDULE = 50;

/**
 * SQL condition (on a `seat` row aliased `s`) for "can be reserved now": available, or held by a
 * hold whose time ran out and that the sweeper has not released yet. The one definition of
 * availability in SQL: listings, counts and the reserve statement all use it; `Seat.statusAt`
 * is the same rule for a seat already read.
 */
export const RESERVABLE_SEAT_SQL = `(s.status = 'AVAILABLE' or (s.status = 'HELD' and s.held_until <= now()))`;

/** A seat of one performance; the price is whole KRW. */
@Entity()
@Unique({ properties: ['schedule', 'number'] })
@Check({ name: 'seat_number_check', expression: `number >= 1 and number <= ${SEATS_PER_SCHEDULE}` })
@Check({ name: 'seat_price_check', expression: 'price >= 0' })
// HELD exactly when the hold has an end.
@Check({ name: 'seat_held_has_deadline', expression: `(status = 'HELD') = (held_until is not null)` })
// The sweeper's scan: only holds, by their end.
@Index({ name: 'seat_expired_holds', properties: ['heldUntil'], where: `status = 'HELD'` })
export class Seat {
  [OptionalProps]?: 'id' | 'status' | 'heldUntil';

  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  id!: string;

  @ManyToOne(() => ConcertSchedule, { deleteRule: 'cascade', foreignKeyName: 'seat_schedule_id_fkey' })
  schedule!: Rel<ConcertSchedule>;

  @Property({ type: 'integer' })
  number!: number;

  @Property({ type: 'integer' })
  price!: number;

  /**
   * Stored status. A HELD seat whose `heldUntil` has passed is reservable before the sweeper
   * rewrites it, so readers use `statusAt`.
   */
  @Enum({ items: () => SeatStatus, nativeEnumName: 'seat_status', default: SeatStatus.AVAILABLE })
  status!: SeatStatus;

  @Property({ type: 'timestamptz', nullable: true })
  heldUntil!: Date | null;

  /** The status as a reader sees it at `now`: a hold whose time ran out already reads AVAILABLE. */
  statusAt(now: Date): SeatStatus {
    return this.status === SeatStatus.HELD && this.heldUntil !== null && this.heldUntil <= now ? SeatStatus.AVAILABLE : this.status;
  }
}
