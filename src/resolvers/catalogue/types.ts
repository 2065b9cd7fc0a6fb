import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('Concert', { description: 'A concert with one or more performances (schedules).' })
export class ConcertType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Display title.' })
  title!: string;
}

@ObjectType('ConcertSchedule', { description: 'One performance of a concert: a date and time with seats numbered 1..50.' })
export class ConcertScheduleType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  concertId!: string;

  @Field(() => Date, { description: 'When the performance starts (UTC).' })
  startsAt!: Date;

  /** Filled by a field resolver through a DataLoader, so a list costs one count query. */
  @Field(() => Int, { description: 'Seats that can be reserved right now (an expired hold counts as reservable).' })
  availableSeatCount?: number;
}
