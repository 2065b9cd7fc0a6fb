import { BigIntType, OptionalProps } from '@mikro-orm/core';
import { Check, Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** The most a balance may hold: what GraphQL's Int carries, enforced by the column's check. */
export const BALANCE_MAX = 2_147_483_647;

/** A fan, known by the `sub` of their identity JWT; created the first time they call. */
@Entity({ tableName: 'app_user' })
@Check({ name: 'app_user_balance_range', expression: `balance >= 0 and balance <= ${BALANCE_MAX}` })
export class User {
  [OptionalProps]?: 'createdAt' | 'balance';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;

  /**
   * Whole KRW. A bigint column read as a JS number (the check keeps it in Int range); only ever
   * changed together with a BalanceEntry, by one conditional UPDATE (`src/money/balance.ts`).
   */
  @Property({ type: new BigIntType('number'), defaultRaw: '0' })
  balance!: number;
}
