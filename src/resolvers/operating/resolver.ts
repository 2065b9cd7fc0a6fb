import { Arg, Authorized, Ctx, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { Role } from '../../auth/identity.js';
import type { WaitingRoomState } from '../../queue/room.js';
import type { Context } from '../../schema/context.js';
import { IdArg, uuidArg } from '../args.js';
import { requireRoles } from '../gate.js';
import { WaitingRoomSettingsInput, WaitingRoomType } from './types.js';

const OPERATORS = 'Operators only (identity JWT with `"roles": ["operator"]`); anyone else gets FORBIDDEN.';

function present(room: WaitingRoomState): WaitingRoomType {
  const open = !room.paused && room.opensAt === null;
  return {
    concertId: room.concertId,
    opensAt: room.opensAt === null ? null : new Date(room.opensAt),
    paused: room.paused,
    soldOut: room.soldOut,
    maxActive: room.maxActive,
    activeSeconds: room.activeSeconds,
    waiting: room.waiting,
    active: room.active,
    admittedPerMinute: Math.round(room.rate * 60 * 100) / 100,
    // The meta `rate` as the admission tick keeps it; unknown before any admission was observed.
    estimatedDrainSeconds: !open ? null : room.waiting === 0 ? 0 : room.rate > 0.001 ? Math.ceil(room.waiting / room.rate) : null,
  };
}

@Resolver(() => WaitingRoomType)
export class WaitingRoomResolver {
  @Authorized(Role.Operator)
  @Query(() => WaitingRoomType, { description: `The concert's waiting room: settings in force and live figures. ${OPERATORS}` })
  async waitingRoom(@IdArg('concertId') concertId: string, @Ctx() ctx: Context): Promise<WaitingRoomType> {
    await ctx.app.catalogue.requireConcert(ctx.em, concertId);
    return present(await ctx.app.queue.room(concertId));
  }

  @Authorized(Role.Operator)
  @Mutation(() => WaitingRoomType, {
    description: `Changes the concert's waiting room settings (kept in PostgreSQL, in force on the next admission tick of every process) and returns the room. ${OPERATORS}`,
  })
  async updateWaitingRoom(
    @IdArg('concertId') concertId: string,
    @Arg('settings', () => WaitingRoomSettingsInput) settings: WaitingRoomSettingsInput,
    @Ctx() ctx: Context,
  ): Promise<WaitingRoomType> {
    await ctx.app.catalogue.requireConcert(ctx.em, concertId);
    const patch = {
      opensAt: settings.opensAt === undefined ? undefined : settings.opensAt === null ? null : settings.opensAt.getTime(),
      paused: settings.paused,
      maxActive: settings.maxActive,
      activeSeconds: settings.activeSeconds,
    };
    return present(await ctx.app.queue.changeSettings(ctx.em, concertId, patch));
  }

  @Authorized(Role.Operator)
  @Subscription(() => WaitingRoomType, {
    description: `The concert's waiting room at once, then after every admission tick that changed it (at most one per tick). ${OPERATORS}`,
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      await requireRoles(ctx, [Role.Operator]);
      const concertId = uuidArg(args, 'concertId');
      await ctx.app.catalogue.requireConcert(ctx.em, concertId);
      return ctx.app.queue.watchRoom(concertId);
    },
  })
  waitingRoomChanged(@IdArg('concertId') _concertId: string, @Root() room: WaitingRoomState): WaitingRoomType {
    return present(room);
  }
}
