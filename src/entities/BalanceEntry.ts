import type { Rel } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { User } from './User.js';

export enum BalanceEntryKind {
  CHARGE = 'CHARGE',
  PAYMENT = 'PAYMENT',
}

/** One change of a user's balance: the ledger. Amount is signed (payments are negative). */
@Entity()
export class BalanceEntry {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** Insertion order; "newest first" sorts by it (timestamps can tie). */
  @Property({ type: 'bigint', unique: true })
  seq!: string;

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: Rel<User>;

  @Enum({ items: () => BalanceEntryKind, nativeEnumName: 'balance_entry_kind' })
  kind!: BalanceEntryKind;

  @Property({ type: 'bigint' })
  amount!: string;

  @Property({ type: 'bigint' })
  balanceAfter!: string;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;
}
