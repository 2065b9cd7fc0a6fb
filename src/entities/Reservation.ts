import type { Rel } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Seat } from './Seat.js';
import { User } from './User.js';

export enum ReservationStatus {
  HELD = 'HELD',
  CONFIRMED = 'CONFIRMED',
  EXPIRED = 'EXPIRED',
  CANCELLED = 'CANCELLED',
}

/**
 * A user's hold on a seat, then (once paid) their ticket. A HELD row whose `expiresAt` passed
 * reads as EXPIRED before the sweeper rewrites it.
 */
@Entity()
export class Reservation {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: Rel<User>;

  @ManyToOne(() => Seat, { deleteRule: 'cascade' })
  seat!: Rel<Seat>;

  @Enum({ items: () => ReservationStatus, nativeEnumName: 'reservation_status' })
  status!: ReservationStatus;

  @Property({ type: 'integer' })
  price!: number;

  @Property({ type: 'timestamptz', nullable: true })
  expiresAt?: Date | null;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  /** The queue ticket that made the hold; its payment completes that ticket. */
  @Property({ type: 'text', nullable: true })
  queueTokenId?: string | null;
}
