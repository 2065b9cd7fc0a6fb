import { createParameterDecorator, type AuthChecker } from 'type-graphql';
import { fail } from '../errors.js';
import type { Admission } from '../queue/admission.js';
import type { Context } from '../schema/context.js';

export interface GateOptions {
  /**
   * Let a ticket that a payment COMPLETED through as well. Only payReservation asks for it, and
   * the payment rules let such an admission do nothing but replay a payment already made
   * (`src/money/payment.ts`).
   */
  allowCompleted?: boolean;
}

/**
 * The waiting room's gate: the caller's identity and their queue token's ticket, which must be
 * ACTIVE (QUEUE_NOT_ADMITTED with the position while WAITING; QUEUE_TOKEN_INVALID when missing,
 * forged, foreign or ended). Which concert the admission covers is checked by the rule that
 * knows the concert of its target (`assertCovers`).
 */
export async function admissionOf(ctx: Context, options: GateOptions = {}): Promise<Admission> {
  const userId = await ctx.requireUser();
  return ctx.app.queue.assertActive(ctx.queueToken, userId, options);
}

/**
 * `@Admitted() admission: Admission`: the one gate of every operation behind the waiting room,
 * resolved once per call and handed to the resolver as an argument. Subscriptions, which
 * parameter decorators do not reach, call `admissionOf` from their `subscribe`.
 */
export const Admitted = (options: GateOptions = {}) =>
  createParameterDecorator<Context>(({ context }) => admissionOf(context, options));

/** `@CurrentUser() userId: string`: the caller's user id; UNAUTHENTICATED without identity. */
export const CurrentUser = () => createParameterDecorator<Context>(({ context }) => context.requireUser());

/**
 * type-graphql's `authChecker`, behind `@Authorized(Role.Operator)` on queries, mutations and
 * subscriptions alike: callers without identity get UNAUTHENTICATED, callers with none of the
 * named roles FORBIDDEN (`@Authorized()` with no role asks for identity only).
 */
export const authChecker: AuthChecker<Context> = async ({ context }, roles) => {
  await requireRoles(context, roles);
  return true;
};

/**
 * The caller must hold one of `roles`: UNAUTHENTICATED without identity, else FORBIDDEN. A
 * subscription's `subscribe` calls it, so nobody else even starts listening.
 */
export async function requireRoles(context: Context, roles: readonly string[]): Promise<void> {
  const identity = await context.requireIdentity();
  if (roles.length > 0 && !roles.some((role) => identity.roles.includes(role))) throw fail.forbidden(roles);
}
