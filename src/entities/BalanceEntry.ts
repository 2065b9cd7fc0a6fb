import { BigIntType, OptionalProps, type Rel } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { User } from './User.js';

export enum BalanceEntryKind {
  CHARGE = 'CHARGE',
  PAYMENT = 'PAYMENT',
}

/** One change of a user's balance: the ledger. Amount is signed (payments are negative). */
@Entity()
@Check({ name: 'balance_entry_balance_after_check', expression: 'balance_after >= 0' })
@Check({ name: 'balance_entry_sign', expression: `(kind = 'CHARGE' and amount > 0) or (kind = 'PAYMENT' and amount < 0)` })
@Index({ name: 'balance_entry_user_newest', columns: [{ name: 'user_id' }, { name: 'seq', sort: 'desc' }] })
export class BalanceEntry {
  [OptionalProps]?: 'id' | 'seq' | 'createdAt';

  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  id!: string;

  /** Insertion order; "newest first" sorts by it (timestamps can tie). */
  @Property({ type: new BigIntType('number'), autoincrement: true, unique: 'balance_entry_seq_key' })
  seq!: number;

  @ManyToOne(() => User, { deleteRule: 'cascade', foreignKeyName: 'balance_entry_user_id_fkey' })
  user!: Rel<User>;

  @Enum({ items: () => BalanceEntryKind, nativeEnumName: 'balance_entry_kind' })
  kind!: BalanceEntryKind;

  /** Signed whole KRW (bigint column; every amount fits in a JS number). */
  @Property({ type: new BigIntType('number') })
  amount!: number;

  @Property({ type: new BigIntType('number') })
  balanceAfter!: number;

  @Property({ type: 'timestamptz', defaultRaw: 'clock_timestamp()' })
  createdAt!: Date;
}
