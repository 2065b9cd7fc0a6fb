import { Arg, Ctx, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../../context.js';
import { badInput } from '../../errors.js';
import { isUuid } from '../../auth/identity.js';
import { estimatedWaitSeconds, pollAfterSeconds, type TicketState } from '../../queue/ticket.js';
import type { QueueService } from '../../queue/service.js';
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
    activeUntil: state.activeUntil === null ? null : new Date(state.activeUntil),
    pollAfterSeconds: pollAfterSeconds(state, wait),
    issuedAt: new Date(state.issuedAt),
  };
}

const concertIdArg = (concertId: string) => {
  if (!isUuid(concertId)) throw badInput('concertId must be a UUID', 'concertId');
  return concertId;
};

@Resolver(() => QueueTicketType)
export class QueueResolver {
  @Mutation(() => QueueTicketType, { description: "Joins the concert's waiting room. Idempotent: while the caller holds a WAITING or ACTIVE ticket for the concert, that same ticket (same token) comes back. Requires identity." })
  async issueQueueToken(@Arg('concertId', () => ID) concertId: string, @Ctx() ctx: Context): Promise<QueueTicketType> {
    const userId = await ctx.requireUser();
    return present(ctx.app.queue, await ctx.app.queue.issue(ctx.em, userId, concertId));
  }

  @Query(() => QueueTicketType, { description: 'The ticket of the `Queue-Token` header, in any status. Counts as a sign of life: a WAITING holder who neither polls this nor keeps `queuePosition` open for QUEUE_IDLE_SECONDS leaves the line. Requires identity and the token.' })
  async queueStatus(@Arg('concertId', () => ID) concertId: string, @Ctx() ctx: Context): Promise<QueueTicketType> {
    const userId = await ctx.requireUser();
    return present(ctx.app.queue, await ctx.app.queue.status(ctx.queueToken, userId, concertIdArg(concertId)));
  }

  @Subscription(() => QueueTicketType, {
    description: "The holder's ticket at once, then again whenever its position or status changes; completes after a final status. Token in `connectionParams.queueToken`.",
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const userId = await ctx.requireUser();
      const concertId = concertIdArg(args.concertId as string);
      // Fail the subscribe itself (not the first event) on a bad token.
      await ctx.app.queue.status(ctx.queueToken, userId, concertId);
      return ctx.app.queue.watch(ctx.queueToken, userId, concertId);
    },
  })
  queuePosition(@Arg('concertId', () => ID) _concertId: string, @Root() state: TicketState, @Ctx() ctx: Context): Promise<QueueTicketType> {
    return present(ctx.app.queue, state);
  }
}
