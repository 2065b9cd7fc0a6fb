import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root, UseMiddleware } from 'type-graphql';
import type { Context } from '../../context.js';
import { RequireAdmissionOrReplay } from '../../queue/gate.js';
import { ReservationType } from '../booking/types.js';
import { PaymentType } from './types.js';

@Resolver(() => PaymentType)
export class PaymentResolver {
  @Mutation(() => PaymentType, {
    description:
      "Pays the caller's HELD reservation from the balance, in one transaction: a PAYMENT balance entry, the Payment, the reservation CONFIRMED, the seat SOLD; then the queue ticket becomes COMPLETED (its slot goes to the next in line). " +
      'Send an `idempotencyKey` (any string of 1..200 characters, e.g. a UUID made once per checkout): repeating the call with it, even at the same time or after the ticket completed, returns the same Payment and debits once; the same key for another reservation is IDEMPOTENCY_KEY_REUSED. Without a key each call is a new attempt (a second one gets ALREADY_PAID). ' +
      'Errors: NOT_FOUND (not the caller\'s), RESERVATION_EXPIRED (hold ran out or was cancelled), INSUFFICIENT_BALANCE (nothing changes), ALREADY_PAID. Requires identity and an ACTIVE queue token of the concert.',
  })
  @UseMiddleware(RequireAdmissionOrReplay)
  payReservation(
    @Arg('reservationId', () => ID) reservationId: string,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<PaymentType> {
    return ctx.app.payment.pay(ctx.em, ctx.admission!, reservationId, idempotencyKey);
  }

  @FieldResolver(() => ReservationType)
  reservation(@Root() payment: PaymentType, @Ctx() ctx: Context): Promise<ReservationType> {
    return ctx.loaders.reservationById.load(payment.reservationId);
  }
}
