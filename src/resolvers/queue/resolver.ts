import { Ctx, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { QueueService } from '../../queue/service.js';
import { estimatedWaitSeconds, estimateTrend, pollAfterSeconds, type TicketState } from '../../queue/ticket.js';
import type { Context } from '../../schema/context.js';
import { IdArg, uuidArg } from '../args.js';
import { CurrentUser } from '../gate.js';
import { QueueTicketType } from './types.js';

async function present(queue: QueueService, state: TicketState): Promise<QueueTicketType> {
  const wait = estimatedWaitSeconds(state, queue.settings);
  return {
    token: await queue.tokenFor(state),
    userId: state.userId,
    concertId: state.concertId,
    status: state.status,
    position: state.position,
    estimatedWaitSeconds: wait,
    estimateTrend: estimateTrend(state, queue.settings),
    activeUntil: state.activeUntil === null ? null : new Date(state.activeUntil),
    pollAfterSeconds: pollAfterSeconds(state, wait),
    issuedAt: new Date(state.issuedAt),
    opensAt: state.opensAt === null ? null : new Date(state.opensAt),
  };
}

@Resolver(() => QueueTicketType)
export class QueueResolver {
  @Mutation(() => QueueTicketType, {
    description:
      "Joins the concert's waiting room. Idempotent: while the caller holds a WAITING or ACTIVE ticket for the concert, that same ticket (same token) comes back. Before the line opens the ticket waits in the pre-queue (`opensAt` set, no position). SOLD_OUT once every seat of every future performance is sold. Requires identity.",
  })
  async issueQueueToken(@IdArg('concertId') concertId: string, @CurrentUser() userId: string, @Ctx() ctx: Context): Promise<QueueTicketType> {
    await ctx.app.catalogue.requireConcert(ctx.em, concertId);
    return present(ctx.app.queue, await ctx.app.queue.issue(userId, concertId));
  }

  @Query(() => QueueTicketType, { description: 'The ticket of the `Queue-Token` header, in any status. Counts as a sign of life: a WAITING holder who neither polls this nor keeps `queuePosition` open for QUEUE_IDLE_SECONDS leaves the line. Requires identity and the token.' })
  async queueStatus(@IdArg('concertId') concertId: string, @CurrentUser() userId: string, @Ctx() ctx: Context): Promise<QueueTicketType> {
    return present(ctx.app.queue, await ctx.app.queue.status(ctx.queueToken, userId, concertId));
  }

  @Subscription(() => QueueTicketType, {
    description: "The holder's ticket at once, then again whenever its position or status changes; completes after a final status. Token in `connectionParams.queueToken`.",
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const userId = await ctx.requireUser();
      const concertId = uuidArg(args, 'concertId');
      // Reads the ticket before it returns: a bad token fails the subscribe itself, not the first event.
      return ctx.app.queue.watch(ctx.queueToken, userId, concertId);
    },
  })
  queuePosition(@IdArg('concertId') _concertId: string, @Root() state: TicketState, @Ctx() ctx: Context): Promise<QueueTicketType> {
    return present(ctx.app.queue, state);
  }
}
