import type { Rel } from '@mikro-orm/core';
import { Entity, ManyToOne, OneToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Reservation } from './Reservation.js';
import { User } from './User.js';

/** A payment for one reservation; `(user, idempotencyKey)` makes retries return the same row. */
@Entity()
@Unique({ properties: ['user', 'idempotencyKey'] })
export class Payment {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @OneToOne(() => Reservation, { owner: true, deleteRule: 'cascade' })
  reservation!: Rel<Reservation>;

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: Rel<User>;

  @Property({ type: 'integer' })
  amount!: number;

  @Property({ type: 'bigint' })
  balanceAfter!: string;

  @Property({ type: 'text' })
  idempotencyKey!: string;

  @Property({ type: 'timestamptz' })
  paidAt!: Date;
}
