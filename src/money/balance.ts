import type { EntityManager } from '@mikro-orm/postgresql';
import { BalanceEntry, BalanceEntryKind } from '../entities/BalanceEntry.js';
import { BALANCE_MAX, User } from '../entities/User.js';
import { fail } from '../errors.js';

/**
 * The money rules. Every change is one conditional UPDATE of the user's balance (which takes the
 * row lock, so concurrent changes of one user queue up and none is lost) plus one ledger entry,
 * in the caller's transaction.
 */
export class BalanceService {
  constructor(private readonly chargeMax: number) {}

  /** Adds money: amount must be 1..CHARGE_MAX and the result must fit in GraphQL Int. */
  async charge(em: EntityManager, userId: string, amount: number): Promise<BalanceEntry> {
    if (!Number.isSafeInteger(amount) || amount <= 0) throw fail.badInput('amount', 'amount must be a positive whole number of KRW');
    if (amount > this.chargeMax) throw fail.badInput('amount', `amount must be at most ${this.chargeMax} KRW per charge`);
    return em.transactional((tx) => this.apply(tx, userId, amount, BalanceEntryKind.CHARGE));
  }

  /**
   * Changes the balance by `delta` inside the caller's transaction and records the entry, which
   * is inserted when the transaction flushes. INSUFFICIENT_BALANCE when the balance would go
   * below zero; BAD_USER_INPUT past BALANCE_MAX.
   */
  async apply(tx: EntityManager, userId: string, delta: number, kind: BalanceEntryKind): Promise<BalanceEntry> {
    const [updated] = await tx.execute(`update app_user set balance = balance + ? where id = ? and balance + ? between 0 and ? returning *`, [
      delta,
      userId,
      delta,
      BALANCE_MAX,
    ]);
    if (!updated) {
      if (delta < 0) throw fail.insufficientBalance(-delta);
      throw fail.badInput('amount', `the balance may not exceed ${BALANCE_MAX} KRW`);
    }
    const user = tx.map(User, updated);
    return tx.create(BalanceEntry, { user, kind, amount: delta, balanceAfter: user.balance });
  }

  async balance(em: EntityManager, userId: string): Promise<number> {
    // refresh: a WebSocket connection keeps one EntityManager, which may hold an older copy.
    const user = await em.findOne(User, userId, { refresh: true });
    return user?.balance ?? 0;
  }

  /** The caller's entries, newest first; `first` is 1..100. */
  async history(em: EntityManager, userId: string, first: number): Promise<BalanceEntry[]> {
    if (!Number.isInteger(first) || first < 1 || first > 100) throw fail.badInput('first', 'first must be between 1 and 100');
    return em.find(BalanceEntry, { user: userId }, { orderBy: { seq: 'desc' }, limit: first });
  }
}
