import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { BalanceEntryType, BalanceType } from './types.js';

@Resolver()
export class BalanceResolver {
  @Query(() => BalanceType, { description: "The caller's balance. Requires identity." })
  async balance(@Ctx() ctx: Context): Promise<BalanceType> {
    const userId = await ctx.requireUser();
    return { userId, amount: await ctx.app.balance.balance(ctx.em, userId) };
  }

  @Query(() => [BalanceEntryType], { description: "The caller's balance changes, newest first. Requires identity." })
  async balanceHistory(
    @Arg('first', () => Int, { nullable: true, defaultValue: 20, description: 'How many entries, 1..100 (null means the default, 20).' }) first: number | null,
    @Ctx() ctx: Context,
  ): Promise<BalanceEntryType[]> {
    return ctx.app.balance.history(ctx.em, await ctx.requireUser(), first ?? 20);
  }

  @Mutation(() => BalanceEntryType, { description: "Adds money to the caller's balance: a whole number of KRW, 1..CHARGE_MAX (default 1,000,000) per call; the balance may not pass 2,147,483,647. Requires identity." })
  async chargeBalance(@Arg('amount', () => Int) amount: number, @Ctx() ctx: Context): Promise<BalanceEntryType> {
    return ctx.app.balance.charge(ctx.em, await ctx.requireUser(), amount);
  }
}
