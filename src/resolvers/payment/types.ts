import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { Payment } from '../../entities/Payment.js';

/** The GraphQL `Payment`, resolved from a `Payment` entity; `reservation` comes from `PaymentResolver`. */
@ObjectType('Payment', { description: 'The payment of one reservation from the prepaid balance.' })
export class PaymentType implements Pick<Payment, 'id' | 'amount' | 'balanceAfter' | 'paidAt'> {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'KRW taken from the balance: the reservation price.' })
  amount!: number;

  @Field(() => Int, { description: 'The balance right after this payment.' })
  balanceAfter!: number;

  @Field(() => Date)
  paidAt!: Date;
}
