import { BigIntType, OptionalProps, type Rel } from '@mikro-orm/core';
import { Check, Entity, ManyToOne, OneToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Reservation } from './Reservation.js';
import { User } from './User.js';

/** A payment for one reservation; `(user, idempotencyKey)` makes retries return the same row. */
@Entity()
@Unique({ name: 'payment_user_idempotency_key_unique', properties: ['user', 'idempotencyKey'] })
@Check({ name: 'payment_amount_check', expression: 'amount >= 0' })
@Check({ name: 'payment_balance_after_check', expression: 'balance_after >= 0' })
export class Payment {
  [OptionalProps]?: 'id' | 'paidAt';

  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  id!: string;

  /** One payment per reservation (unique). */
  @OneToOne(() => Reservation, { owner: true, deleteRule: 'cascade', unique: 'payment_reservation_id_key', foreignKeyName: 'payment_reservation_id_fkey' })
  reservation!: Rel<Reservation>;

  @ManyToOne(() => User, { deleteRule: 'cascade', foreignKeyName: 'payment_user_id_fkey' })
  user!: Rel<User>;

  @Property({ type: 'integer' })
  amount!: number;

  @Property({ type: new BigIntType('number') })
  balanceAfter!: number;

  @Property({ type: 'text' })
  idempotencyKey!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'clock_timestamp()' })
  paidAt!: Date;
}
