import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { ConcertSchedule } from './ConcertSchedule.js';

export enum SeatStatus {
  AVAILABLE = 'AVAILABLE',
  HELD = 'HELD',
  SOLD = 'SOLD',
}

/** Seats are numbered 1..50 within a schedule; the price is whole KRW. */
export const SEATS_PER_SCHEDULE = 50;

@Entity()
@Unique({ properties: ['schedule', 'number'] })
export class Seat {
  [OptionalProps]?: 'status' | 'heldUntil';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => ConcertSchedule, { deleteRule: 'cascade' })
  schedule!: Rel<ConcertSchedule>;

  @Property({ type: 'integer' })
  number!: number;

  @Property({ type: 'integer' })
  price!: number;

  /**
   * Stored status. A HELD seat whose `heldUntil` has passed is reservable before the sweeper
   * rewrites it, so readers derive the effective status from both columns.
   */
  @Enum({ items: () => SeatStatus, nativeEnumName: 'seat_status' })
  status: SeatStatus = SeatStatus.AVAILABLE;

  @Property({ type: 'timestamptz', nullable: true })
  heldUntil?: Date | null;
}

/**
 * SQL condition (on a `seat` row aliased `s`) for "can be reserved now": available, or held by a
 * hold whose time ran out and that the sweeper has not released yet. The one definition of
 * availability: listings, counts and the reserve statement all use it.
 */
export const RESERVABLE_SEAT_SQL = `(s.status = 'AVAILABLE' or (s.status = 'HELD' and s.held_until <= now()))`;
