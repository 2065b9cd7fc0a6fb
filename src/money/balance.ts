import type { EntityManager } from '@mikro-orm/postgresql';
import { BalanceEntryKind } from '../entities/BalanceEntry.js';
import { fail } from '../errors.js';
import type { BalanceEntryType } from '../resolvers/balance/types.js';

/** The most a balance may hold: what GraphQL's Int (and the column's check) can carry. */
export const BALANCE_MAX = 2_147_483_647;

interface EntryRow {
  id: string;
  kind: BalanceEntryKind;
  amount: string;
  balance_after: string;
  created_at: Date;
}

const toEntry = (r: EntryRow): BalanceEntryType => ({ id: r.id, kind: r.kind, amount: Number(r.amount), balanceAfter: Number(r.balance_after), createdAt: new Date(r.created_at) });

/**
 * The money rules. Every change is one conditional UPDATE of the user's balance (which takes the
 * row lock, so concurrent changes of one user queue up and none is lost) plus one ledger entry,
 * in the caller's transaction.
 */
export class BalanceService {
  constructor(private readonly chargeMax: number) {}

  /** Adds money: amount must be 1..CHARGE_MAX and the result must fit in GraphQL Int. */
  async charge(em: EntityManager, userId: string, amount: number): Promise<BalanceEntryType> {
    if (!Number.isSafeInteger(amount) || amount <= 0) throw fail.badInput('amount', 'amount must be a positive whole number of KRW');
    if (amount > this.chargeMax) throw fail.badInput('amount', `amount must be at most ${this.chargeMax} KRW per charge`);
    return em.transactional((tx) => this.apply(tx, userId, amount, BalanceEntryKind.CHARGE));
  }

  /**
   * Changes the balance by `delta` inside the caller's transaction and records the entry.
   * INSUFFICIENT_BALANCE when it would go below zero; BAD_USER_INPUT past BALANCE_MAX.
   */
  async apply(tx: EntityManager, userId: string, delta: number, kind: BalanceEntryKind): Promise<BalanceEntryType> {
    const [updated] = await tx.execute<{ balance: string }[]>(
      `update app_user set balance = balance + ? where id = ? and balance + ? between 0 and ? returning balance`,
      [delta, userId, delta, BALANCE_MAX],
    );
    if (!updated) {
      if (delta < 0) throw fail.insufficientBalance(-delta);
      throw fail.badInput('amount', `the balance may not exceed ${BALANCE_MAX} KRW`);
    }
    const [entry] = await tx.execute<EntryRow[]>(
      `insert into balance_entry (user_id, kind, amount, balance_after) values (?, ?, ?, ?) returning id, kind, amount, balance_after, created_at`,
      [userId, kind, delta, updated.balance],
    );
    return toEntry(entry);
  }

  async balance(em: EntityManager, userId: string): Promise<number> {
    const [row] = await em.execute<{ balance: string }[]>('select balance from app_user where id = ?', [userId]);
    return Number(row?.balance ?? 0);
  }

  /** The caller's entries, newest first; `first` is 1..100. */
  async history(em: EntityManager, userId: string, first: number): Promise<BalanceEntryType[]> {
    if (!Number.isInteger(first) || first < 1 || first > 100) throw fail.badInput('first', 'first must be between 1 and 100');
    const rows = await em.execute<EntryRow[]>(
      `select id, kind, amount, balance_after, created_at from balance_entry where user_id = ? order by seq desc limit ?`,
      [userId, first],
    );
    return rows.map(toEntry);
  }
}
