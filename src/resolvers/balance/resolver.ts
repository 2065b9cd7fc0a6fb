import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { BalanceEntry } from '../../entities/BalanceEntry.js';
import type { Context } from '../../schema/context.js';
import { CurrentUser } from '../gate.js';
import { BalanceEntryType, BalanceType } from './types.js';

@Resolver()
export class BalanceResolver {
  @Query(() => BalanceType, { description: "The caller's balance. Requires identity." })
  async balance(@CurrentUser() userId: string, @Ctx() ctx: Context): Promise<BalanceType> {
    return { userId, amount: await ctx.app.balance.balance(ctx.em, userId) };
  }

  @Query(() => [BalanceEntryType], { description: "The caller's balance changes, newest first. Requires identity." })
  balanceHistory(
    @Arg('first', () => Int, { nullable: true, defaultValue: 20, description: 'How many entries, 1..100 (null means the default, 20).' }) first: number | null,
    @CurrentUser() userId: string,
    @Ctx() ctx: Context,
  ): Promise<BalanceEntry[]> {
    return ctx.app.balance.history(ctx.em, userId, first ?? 20);
  }

  @Mutation(() => BalanceEntryType, { description: "Adds money to the caller's balance: a whole number of KRW, 1..CHARGE_MAX (default 1,000,000) per call; the balance may not pass 2,147,483,647. Requires identity." })
  chargeBalance(@Arg('amount', () => Int) amount: number, @CurrentUser() userId: string, @Ctx() ctx: Context): Promise<BalanceEntry> {
    return ctx.app.balance.charge(ctx.em, userId, amount);
  }
}
