import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BalanceEntryKind, type BalanceEntry } from '../../entities/BalanceEntry.js';

registerEnumType(BalanceEntryKind, {
  name: 'BalanceEntryKind',
  valuesConfig: {
    CHARGE: { description: 'Money added with chargeBalance.' },
    PAYMENT: { description: 'Money taken by payReservation.' },
  },
});

@ObjectType('Balance', { description: "The caller's prepaid balance in whole KRW." })
export class BalanceType {
  @Field(() => ID)
  userId!: string;

  @Field(() => Int, { description: "Current balance; always the newest entry's balanceAfter and the sum of all entries." })
  amount!: number;
}

/** The GraphQL `BalanceEntry`, resolved from a `BalanceEntry` entity. */
@ObjectType('BalanceEntry', { description: 'One change of the balance (the ledger).' })
export class BalanceEntryType implements Pick<BalanceEntry, 'id' | 'kind' | 'amount' | 'balanceAfter' | 'createdAt'> {
  @Field(() => ID)
  id!: string;

  @Field(() => BalanceEntryKind)
  kind!: BalanceEntryKind;

  @Field(() => Int, { description: 'The signed change in KRW: positive for CHARGE, negative for PAYMENT.' })
  amount!: number;

  @Field(() => Int, { description: 'The balance right after this change.' })
  balanceAfter!: number;

  @Field(() => Date)
  createdAt!: Date;
}
