import { Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../schema/context.js';
import { CurrentUser } from '../gate.js';
import { ConcertScheduleType, ConcertType } from './types.js';

@Resolver(() => ConcertType)
export class ConcertResolver {
  @Query(() => [ConcertType], { description: 'Every concert, by title. Requires identity.' })
  concerts(@CurrentUser() _userId: string, @Ctx() ctx: Context): Promise<ConcertType[]> {
    return ctx.app.catalogue.listConcerts(ctx.em);
  }

  @FieldResolver(() => [ConcertScheduleType], { description: 'Upcoming performances, soonest first.' })
  schedules(@Root() concert: ConcertType, @Ctx() ctx: Context): Promise<ConcertScheduleType[]> {
    return ctx.loaders.upcomingSchedulesByConcert.load(concert.id);
  }
}

@Resolver(() => ConcertScheduleType)
export class ConcertScheduleResolver {
  @FieldResolver(() => Int)
  async availableSeatCount(@Root() schedule: ConcertScheduleType, @Ctx() ctx: Context): Promise<number> {
    return schedule.availableSeatCount ?? ctx.loaders.availableSeatCount.load(schedule.id);
  }
}
