import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { Concert } from '../../entities/Concert.js';
import type { ConcertSchedule } from '../../entities/ConcertSchedule.js';

/** The GraphQL `Concert`, resolved from a `Concert` entity; `schedules` comes from `ConcertResolver`. */
@ObjectType('Concert', { description: 'A concert with one or more performances (schedules).' })
export class ConcertType implements Pick<Concert, 'id' | 'title'> {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Display title.' })
  title!: string;
}

/**
 * The GraphQL `ConcertSchedule`, resolved from a `ConcertSchedule` entity; `concertId` and
 * `availableSeatCount` come from `ConcertScheduleResolver`.
 */
@ObjectType('ConcertSchedule', { description: 'One performance of a concert: a date and time with seats numbered 1..50.' })
export class ConcertScheduleType implements Pick<ConcertSchedule, 'id' | 'startsAt'> {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  concertId!: string;

  @Field(() => Date, { description: 'When the performance starts (UTC).' })
  startsAt!: Date;

  @Field(() => Int, { description: 'Seats that can be reserved right now (an expired hold counts as reservable).' })
  availableSeatCount!: number;
}
