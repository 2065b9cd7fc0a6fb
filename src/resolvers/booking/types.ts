import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ReservationStatus, type Reservation } from '../../entities/Reservation.js';
import { SeatStatus, type Seat } from '../../entities/Seat.js';

registerEnumType(SeatStatus, {
  name: 'SeatStatus',
  valuesConfig: {
    AVAILABLE: { description: 'Can be reserved now (including a seat whose hold ran out).' },
    HELD: { description: 'Held for someone for a few minutes.' },
    SOLD: { description: 'Paid for.' },
  },
});
registerEnumType(ReservationStatus, {
  name: 'ReservationStatus',
  valuesConfig: {
    HELD: { description: 'The seat is held until `expiresAt`; pay before then.' },
    CONFIRMED: { description: 'Paid: the seat is yours.' },
    EXPIRED: { description: 'The hold ran out unpaid; the seat went back on sale.' },
    CANCELLED: { description: 'Released by its holder with cancelReservation.' },
  },
});

/**
 * The GraphQL `Seat`, always resolved from plain seat data that carries its status: a seat of an
 * availableSeats map, a seatsChanged notice (the status its change committed), or a reservation's
 * seat read now (`BookingResolver.seat`). No field needs a resolver of its own, so graphql reads
 * them straight off the object (a field resolver per seat was a tenth of an availableSeats call).
 */
@ObjectType('Seat', { description: 'A seat (1..50) of one performance.' })
export class SeatType implements Pick<Seat, 'id' | 'number' | 'price'> {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  scheduleId!: string;

  @Field(() => Int, { description: 'Seat number, 1..50.' })
  number!: number;

  @Field(() => Int, { description: 'Price in whole KRW.' })
  price!: number;

  @Field(() => SeatStatus, { description: 'Status right now: a hold whose time ran out reads AVAILABLE. In a seatsChanged event: the status the change committed.' })
  status!: SeatStatus;
}

/**
 * The GraphQL `Reservation`, resolved from a `Reservation` entity; `status`, `expiresAt` and
 * `seat` come from `BookingResolver`'s field resolvers.
 */
@ObjectType('Reservation', { description: "A hold on a seat and, once paid, the fan's ticket." })
export class ReservationType implements Pick<Reservation, 'id' | 'price' | 'createdAt'> {
  @Field(() => ID)
  id!: string;

  @Field(() => ReservationStatus, { description: 'Status right now: a hold whose time ran out reads EXPIRED.' })
  status!: ReservationStatus;

  @Field(() => Int, { description: 'The price in KRW, fixed when the seat was held.' })
  price!: number;

  @Field(() => Date, { nullable: true, description: 'End of the temporary hold; null once CONFIRMED (and for CANCELLED).' })
  expiresAt!: Date | null;

  @Field(() => Date)
  createdAt!: Date;
}
