import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Payment } from '../../entities/Payment.js';
import type { Reservation } from '../../entities/Reservation.js';
import type { Admission } from '../../queue/admission.js';
import type { Context } from '../../schema/context.js';
import { IdArg } from '../args.js';
import { ReservationType } from '../booking/types.js';
import { Admitted } from '../gate.js';
import { PaymentType } from './types.js';

@Resolver(() => PaymentType)
export class PaymentResolver {
  @Mutation(() => PaymentType, {
    description:
      "Pays the caller's HELD reservation from the balance, in one transaction: a PAYMENT balance entry, the Payment, the reservation CONFIRMED, the seat SOLD; then, once the caller holds no other seat of the concert, the queue ticket becomes COMPLETED (its slot goes to the next in line): a fan holding several seats pays for them one after the other with one admission. " +
      'Send an `idempotencyKey` (any string of 1..200 characters, e.g. a UUID made once per checkout): repeating the call with it, even at the same time or after the ticket completed, returns the same Payment and debits once; the same key for another reservation is IDEMPOTENCY_KEY_REUSED. Without a key each call is a new attempt (a second one gets ALREADY_PAID). ' +
      "Errors: NOT_FOUND (not the caller's), RESERVATION_EXPIRED (hold ran out or was cancelled), INSUFFICIENT_BALANCE (nothing changes), ALREADY_PAID. Requires identity and an ACTIVE queue token of the concert.",
  })
  payReservation(
    @IdArg('reservationId') reservationId: string,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null | undefined,
    @Admitted({ allowCompleted: true }) admission: Admission,
    @Ctx() ctx: Context,
  ): Promise<Payment> {
    return ctx.app.payment.pay(ctx.em, admission, reservationId, idempotencyKey);
  }

  @FieldResolver(() => ReservationType)
  reservation(@Root() payment: Payment, @Ctx() ctx: Context): Promise<Reservation> {
    return ctx.loaders.reservationById.load(payment.reservation.id);
  }
}
