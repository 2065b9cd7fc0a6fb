import type { Context } from '../schema/context.js';

/**
 * Counts one operation against its caller's budget: the user's with a valid identity, else the
 * client address's (such callers get UNAUTHENTICATED from most operations, but each one still
 * costs a parse and a signature check). Run once per operation, before execution: by an Apollo
 * plugin over HTTP and graphql-ws's `onSubscribe`.
 */
export async function takeOperationBudget(ctx: Context): Promise<void> {
  const userId = await ctx.requireUser().catch(() => null);
  if (userId) await ctx.app.rateLimiter.takeUser(userId);
  else await ctx.app.rateLimiter.takeAddress(ctx.clientAddress);
}
