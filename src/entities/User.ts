import { BigIntType, OptionalProps } from '@mikro-orm/core';
import { Check, Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

/** The most a balance may hold: what GraphQL's Int carries, enforced by the column's check. */
export const BALANCE_MAX = 2_147_483_647;

/**
 * A fan, known by their identity JWT; created the first time they call. The id is the token's
 * subject when that is a UUID, else derived from issuer and subject (`src/auth/claims.ts`).
 */
@Entity({ tableName: 'app_user' })
@Unique({ name: 'app_user_issuer_subject_unique', properties: ['issuer', 'subject'] })
@Check({ name: 'app_user_balance_range', expression: `balance >= 0 and balance <= ${BALANCE_MAX}` })
export class User {
  [OptionalProps]?: 'createdAt' | 'balance' | 'issuer' | 'subject';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;

  /** The identity provider that vouched for the user (`iss`); null for tokens signed with AUTH_JWT_SECRET. */
  @Property({ type: 'text', nullable: true })
  issuer?: string | null;

  /** The provider's own name for the user (its AUTH_USER_CLAIM); null for users from before it was kept. */
  @Property({ type: 'text', nullable: true })
  subject?: string | null;

  /**
   * Whole KRW. A bigint column read as a JS number (the check keeps it in Int range); only ever
   * changed together with a BalanceEntry, by one conditional UPDATE (`src/money/balance.ts`).
   */
  @Property({ type: new BigIntType('number'), defaultRaw: '0' })
  balance!: number;
}
