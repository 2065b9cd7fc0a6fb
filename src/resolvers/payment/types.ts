import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('Payment', { description: 'The payment of one reservation from the prepaid balance.' })
export class PaymentType {
  @Field(() => ID)
  id!: string;

  /** Loaded through a DataLoader by the field resolver. */
  reservationId!: string;

  @Field(() => Int, { description: 'KRW taken from the balance: the reservation price.' })
  amount!: number;

  @Field(() => Int, { description: 'The balance right after this payment.' })
  balanceAfter!: number;

  @Field(() => Date)
  paidAt!: Date;
}
