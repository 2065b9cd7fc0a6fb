import type { MiddlewareFn } from 'type-graphql';
import type { Context } from '../context.js';
import { DomainError, ErrorCode } from '../errors.js';

/** What the gate proved: the caller holds this ACTIVE queue ticket for this concert. */
export interface Admission {
  tokenId: string;
  userId: string;
  concertId: string;
  seq: number;
  /** The ticket already ended with a payment; only `RequireAdmissionOrReplay` lets such a ticket in. */
  completed: boolean;
}

/**
 * Verifies the caller's identity and queue token and requires an ACTIVE ticket of that user.
 * QUEUE_TOKEN_INVALID for a missing, forged, foreign or finished token; QUEUE_NOT_ADMITTED
 * (with `extensions.position`) while still waiting. Used by the middleware and by
 * subscriptions' `subscribe` functions, which middlewares do not cover.
 */
export async function admit(ctx: Context, options: { allowCompleted?: boolean } = {}): Promise<Admission> {
  if (ctx.admission && (options.allowCompleted || !ctx.admission.completed)) return ctx.admission;
  const userId = await ctx.requireUser();
  ctx.admission = await ctx.app.queue.assertActive(ctx.queueToken, userId, options);
  return ctx.admission;
}

/**
 * Type-graphql middleware for every operation behind the waiting room
 * (`@UseMiddleware(RequireAdmission)`). The resolved `ctx.admission` tells services which concert
 * the token covers; they call `assertCovers` once they know the concert of their target.
 */
export const RequireAdmission: MiddlewareFn<Context> = async ({ context }, next) => {
  await admit(context);
  return next();
};

/**
 * payReservation's gate: as RequireAdmission, but a COMPLETED ticket passes too. A payment
 * completes its ticket, so without this a client retrying a payment that went through (its
 * response lost) could never get that same Payment back; the payment service lets a completed
 * ticket do nothing but such a replay.
 */
export const RequireAdmissionOrReplay: MiddlewareFn<Context> = async ({ context }, next) => {
  await admit(context, { allowCompleted: true });
  return next();
};

/** A token is bound to one concert: using it for another is QUEUE_TOKEN_INVALID. */
export function assertCovers(admission: Admission, concertId: string): void {
  if (admission.concertId !== concertId) {
    throw new DomainError(ErrorCode.QUEUE_TOKEN_INVALID, 'Queue token is for another concert');
  }
}
