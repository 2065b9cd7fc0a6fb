import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
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
@Check({ name: 'reservation_price_check', expression: 'price >= 0' })
// A HELD reservation always has an end (false <= true); others may keep theirs.
@Check({ name: 'reservation_held_has_deadline', expression: `(status = 'HELD') <= (expires_at is not null)` })
// A seat is sold at most once, whatever the code does.
@Unique({ name: 'reservation_one_confirmed_per_seat', properties: ['seat'], where: `status = 'CONFIRMED'` })
@Index({ name: 'reservation_live_by_seat', properties: ['seat'], where: `status = 'HELD'` })
@Index({ name: 'reservation_user_newest', columns: [{ name: 'user_id' }, { name: 'created_at', sort: 'desc' }] })
export class Reservation {
  [OptionalProps]?: 'id' | 'status' | 'createdAt';

  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  id!: string;

  @ManyToOne(() => User, { deleteRule: 'cascade', foreignKeyName: 'reservation_user_id_fkey' })
  user!: Rel<User>;

  @ManyToOne(() => Seat, { deleteRule: 'cascade', foreignKeyName: 'reservation_seat_id_fkey' })
  seat!: Rel<Seat>;

  @Enum({ items: () => ReservationStatus, nativeEnumName: 'reservation_status', default: ReservationStatus.HELD })
  status!: ReservationStatus;

  @Property({ type: 'integer' })
  price!: number;

  /** End of the hold while HELD; cleared once CONFIRMED or CANCELLED. */
  @Property({ type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  /** By the database's clock, so "newest first" follows the order the holds were made in. */
  @Property({ type: 'timestamptz', defaultRaw: 'clock_timestamp()' })
  createdAt!: Date;

  /** The status as a reader sees it at `now`: a hold whose time ran out already reads EXPIRED. */
  statusAt(now: Date): ReservationStatus {
    return this.status === ReservationStatus.HELD && this.expiresAt !== null && this.expiresAt <= now ? ReservationStatus.EXPIRED : this.status;
  }
}
