import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** A fan, known by the `sub` of their identity JWT; created the first time they call. */
@Entity({ tableName: 'app_user' })
export class User {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;

  /** Whole KRW; only ever changed together with a BalanceEntry (see the balance service). */
  @Property({ type: 'bigint', defaultRaw: '0' })
  balance!: string;
}
