import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Concert } from '../../entities/Concert.js';
import type { ConcertSchedule } from '../../entities/ConcertSchedule.js';
import type { Context } from '../../schema/context.js';
import { CurrentUser } from '../gate.js';
import { ConcertScheduleType, ConcertType } from './types.js';

@Resolver(() => ConcertType)
export class ConcertResolver {
  @Query(() => [ConcertType], { description: 'Every concert, by title. Requires identity.' })
  concerts(@CurrentUser() _userId: string, @Ctx() ctx: Context): Promise<Concert[]> {
    return ctx.app.catalogue.listConcerts(ctx.em);
  }

  @FieldResolver(() => [ConcertScheduleType], { description: 'Upcoming performances, soonest first.' })
  schedules(@Root() concert: Concert, @Ctx() ctx: Context): Promise<ConcertSchedule[]> {
    return ctx.loaders.upcomingSchedulesByConcert.load(concert.id);
  }
}

@Resolver(() => ConcertScheduleType)
export class ConcertScheduleResolver {
  @FieldResolver()
  concertId(@Root() schedule: ConcertSchedule): string {
    return schedule.concert.id;
  }

  /** Through a DataLoader, so a list costs one count query (availableDates primes it). */
  @FieldResolver()
  availableSeatCount(@Root() schedule: ConcertSchedule, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders.availableSeatCount.load(schedule.id);
  }
}
