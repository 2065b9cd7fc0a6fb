import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription, UseMiddleware } from 'type-graphql';
import type { Context } from '../../context.js';
import { admit, assertCovers, RequireAdmission } from '../../queue/gate.js';
import { ConcertScheduleType } from '../concert/types.js';
import { ReservationType, SeatType } from './types.js';

const GATED = 'Requires identity and an ACTIVE queue token (`Queue-Token`) of the concert.';

@Resolver(() => ReservationType)
export class BookingResolver {
  @Query(() => [ConcertScheduleType], { description: `Future performances of the concert with at least one reservable seat, soonest first. ${GATED}` })
  @UseMiddleware(RequireAdmission)
  availableDates(@Arg('concertId', () => ID) concertId: string, @Ctx() ctx: Context): Promise<ConcertScheduleType[]> {
    return ctx.app.booking.availableDates(ctx.em, ctx.admission!, concertId);
  }

  @Query(() => [SeatType], { description: `The seats of 1..50 that can be reserved now, by number (a hold whose time ran out counts). Empty once the performance has started. ${GATED}` })
  @UseMiddleware(RequireAdmission)
  availableSeats(@Arg('scheduleId', () => ID) scheduleId: string, @Ctx() ctx: Context): Promise<SeatType[]> {
    return ctx.app.booking.availableSeats(ctx.em, ctx.admission!, scheduleId);
  }

  @Query(() => [ReservationType], { description: "The caller's reservations in every status, newest first (at most 200). Requires identity." })
  async myReservations(@Ctx() ctx: Context): Promise<ReservationType[]> {
    return ctx.app.booking.myReservations(ctx.em, await ctx.requireUser());
  }

  @Mutation(() => ReservationType, { description: `Holds the seat for SEAT_HOLD_SECONDS (default 300): pay before \`expiresAt\` or it becomes EXPIRED and the seat goes back on sale. Of any number of simultaneous attempts on one seat exactly one wins; the rest get SEAT_UNAVAILABLE. One person holds at most MAX_HOLDS_PER_USER seats at once (HOLD_LIMIT_REACHED). ${GATED}` })
  @UseMiddleware(RequireAdmission)
  reserveSeat(
    @Arg('scheduleId', () => ID) scheduleId: string,
    @Arg('seatNumber', () => Int, { description: '1..50' }) seatNumber: number,
    @Ctx() ctx: Context,
  ): Promise<ReservationType> {
    return ctx.app.booking.reserve(ctx.em, ctx.admission!, scheduleId, seatNumber);
  }

  @Mutation(() => ReservationType, { description: "Releases the caller's own HELD reservation at once; the seat is reservable again. Cancelling twice returns the CANCELLED reservation; a hold that ran out is RESERVATION_EXPIRED; a paid one is ALREADY_PAID. Requires identity only, so a fan can let a seat go after their queue slot ended." })
  async cancelReservation(@Arg('reservationId', () => ID) reservationId: string, @Ctx() ctx: Context): Promise<ReservationType> {
    return ctx.app.booking.cancel(ctx.em, await ctx.requireUser(), reservationId);
  }

  @FieldResolver(() => SeatType)
  seat(@Root() reservation: ReservationType, @Ctx() ctx: Context): Promise<SeatType> {
    return ctx.loaders.seatById.load(reservation.seatId);
  }

  @Subscription(() => SeatType, {
    description: `Every seat of the performance whose status changes (HELD, SOLD, AVAILABLE again after a cancel or an expired hold), from any server process. Send it after reading availableSeats to keep a seat map live; it completes when the queue ticket ends (expired, completed by a payment, cancelled). ${GATED} Over WebSocket: \`connectionParams.queueToken\`.`,
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const admission = await admit(ctx);
      const schedule = await ctx.app.booking.scheduleOf(ctx.em, args.scheduleId as string);
      assertCovers(admission, schedule.concertId);
      return ctx.app.booking.watchSeats(schedule.id, ctx.app.queue.watch(ctx.queueToken, admission.userId, admission.concertId));
    },
  })
  seatsChanged(@Arg('scheduleId', () => ID) _scheduleId: string, @Root() seat: SeatType): SeatType {
    return seat;
  }
}
