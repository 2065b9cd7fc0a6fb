import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { ReservableSeat } from '../../booking/seat-maps.js';
import type { SeatChange } from '../../booking/service.js';
import type { ConcertSchedule } from '../../entities/ConcertSchedule.js';
import { Reservation, ReservationStatus } from '../../entities/Reservation.js';
import { assertCovers, type Admission } from '../../queue/admission.js';
import type { Context } from '../../schema/context.js';
import { IdArg, uuidArg } from '../args.js';
import { ConcertScheduleType } from '../catalogue/types.js';
import { admissionOf, Admitted, CurrentUser } from '../gate.js';
import { ReservationType, SeatType } from './types.js';

const GATED = 'Requires identity and an ACTIVE queue token (`Queue-Token`) of the concert.';

@Resolver(() => ReservationType)
export class BookingResolver {
  @Query(() => [ConcertScheduleType], { description: `Future performances of the concert with at least one reservable seat, soonest first. ${GATED}` })
  async availableDates(@IdArg('concertId') concertId: string, @Admitted() admission: Admission, @Ctx() ctx: Context): Promise<ConcertSchedule[]> {
    const dates = await ctx.app.booking.availableDates(ctx.em, admission, concertId);
    // The counts came with the dates: ConcertSchedule.availableSeatCount finds them in its loader.
    for (const { schedule, availableSeatCount } of dates) ctx.loaders.availableSeatCount.prime(schedule.id, availableSeatCount);
    return dates.map((d) => d.schedule);
  }

  @Query(() => [SeatType], { description: `The seats of 1..50 that can be reserved now, by number (a hold whose time ran out counts). Empty once the performance has started. ${GATED}` })
  availableSeats(@IdArg('scheduleId') scheduleId: string, @Admitted() admission: Admission, @Ctx() ctx: Context): Promise<readonly ReservableSeat[]> {
    return ctx.app.booking.availableSeats(ctx.em, admission, scheduleId);
  }

  @Query(() => [ReservationType], { description: "The caller's reservations in every status, newest first (at most 200). Requires identity." })
  myReservations(@CurrentUser() userId: string, @Ctx() ctx: Context): Promise<Reservation[]> {
    return ctx.app.booking.myReservations(ctx.em, userId);
  }

  @Mutation(() => ReservationType, { description: `Holds the seat for SEAT_HOLD_SECONDS (default 300): pay before \`expiresAt\` or it becomes EXPIRED and the seat goes back on sale. Of any number of simultaneous attempts on one seat exactly one wins; the rest get SEAT_UNAVAILABLE. One person holds at most MAX_HOLDS_PER_USER seats at once (HOLD_LIMIT_REACHED). ${GATED}` })
  reserveSeat(
    @IdArg('scheduleId') scheduleId: string,
    @Arg('seatNumber', () => Int, { description: '1..50' }) seatNumber: number,
    @Admitted() admission: Admission,
    @Ctx() ctx: Context,
  ): Promise<Reservation> {
    return ctx.app.booking.reserve(ctx.em, admission, scheduleId, seatNumber);
  }

  @Mutation(() => ReservationType, { description: "Releases the caller's own HELD reservation at once; the seat is reservable again. Cancelling twice returns the CANCELLED reservation; a hold that ran out is RESERVATION_EXPIRED; a paid one is ALREADY_PAID. Requires identity only, so a fan can let a seat go after their queue slot ended." })
  cancelReservation(@IdArg('reservationId') reservationId: string, @CurrentUser() userId: string, @Ctx() ctx: Context): Promise<Reservation> {
    return ctx.app.booking.cancel(ctx.em, userId, reservationId);
  }

  @FieldResolver()
  status(@Root() reservation: Reservation): ReservationStatus {
    return reservation.statusAt(new Date());
  }

  @FieldResolver()
  expiresAt(@Root() reservation: Reservation): Date | null {
    const over = reservation.status === ReservationStatus.CONFIRMED || reservation.status === ReservationStatus.CANCELLED;
    return over ? null : reservation.expiresAt;
  }

  @FieldResolver(() => SeatType)
  async seat(@Root() reservation: Reservation, @Ctx() ctx: Context): Promise<SeatType> {
    const seat = await ctx.loaders.seatById.load(reservation.seat.id);
    // Read now: a hold whose time ran out reads AVAILABLE (the sweeper may not have rewritten it yet).
    return { id: seat.id, scheduleId: seat.schedule.id, number: seat.number, price: seat.price, status: seat.statusAt(new Date()) };
  }

  @Subscription(() => SeatType, {
    description: `Every seat of the performance whose status changes (HELD, SOLD, AVAILABLE again after a cancel or an expired hold), from any server process, with the status the change committed. Send it after reading availableSeats to keep a seat map live; it completes when the queue ticket ends (expired, completed by a payment, cancelled). ${GATED} Over WebSocket: \`connectionParams.queueToken\`.`,
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const admission = await admissionOf(ctx);
      const schedule = await ctx.app.booking.scheduleOf(ctx.em, uuidArg(args, 'scheduleId'));
      assertCovers(admission, schedule.concert.id);
      return ctx.app.booking.watchSeats(schedule.id, await ctx.app.queue.watch(ctx.queueToken, admission.userId, admission.concertId));
    },
  })
  seatsChanged(@IdArg('scheduleId') _scheduleId: string, @Root() change: SeatChange): SeatChange {
    return change;
  }
}
