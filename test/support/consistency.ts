import type { App } from '../../src/app.js';

export interface Scope {
  /** Check the seats, reservations and payments of this concert. */
  concertId?: string;
  /** Check the balances and ledgers of these users. */
  userIds?: string[];
}

const SEAT_RULES: Array<[string, string]> = [
  ['seat SOLD more than once', `select seat_id as id from res where status = 'CONFIRMED' group by seat_id having count(*) > 1`],
  ['SOLD seat without its CONFIRMED reservation', `select s.id from seats s where s.status = 'SOLD' and not exists (select 1 from res r where r.seat_id = s.id and r.status = 'CONFIRMED')`],
  ['CONFIRMED reservation on a seat not SOLD', `select r.id from res r join seats s on s.id = r.seat_id where r.status = 'CONFIRMED' and s.status <> 'SOLD'`],
  ['CONFIRMED reservation without exactly one payment', `select r.id from res r where r.status = 'CONFIRMED' and (select count(*) from payment p where p.reservation_id = r.id) <> 1`],
  ['payment of a reservation not CONFIRMED', `select p.id from payment p join res r on r.id = p.reservation_id where r.status <> 'CONFIRMED'`],
  ['payment amount not the reservation price', `select p.id from payment p join res r on r.id = p.reservation_id where p.amount <> r.price`],
  ['seat with two live holds', `select seat_id as id from res where status = 'HELD' and expires_at > now() group by seat_id having count(*) > 1`],
];

const BALANCE_RULES: Array<[string, string]> = [
  ['balance not the sum of its ledger', `select u.id from users u where u.balance <> coalesce((select sum(e.amount) from balance_entry e where e.user_id = u.id), 0)`],
  ['balance not the newest balanceAfter', `select u.id from users u where u.balance <> coalesce((select e.balance_after from balance_entry e where e.user_id = u.id order by e.seq desc limit 1), 0)`],
  ['ledger entries that do not chain', `select e.id from (select id, user_id, balance_after, amount, lag(balance_after, 1, 0::bigint) over (partition by user_id order by seq) as before from balance_entry) e join users u on u.id = e.user_id where e.before + e.amount <> e.balance_after`],
  ['negative balance', `select id from users where balance < 0`],
];

/**
 * The invariants money and seats must keep whatever ran concurrently, checked for one test's own
 * concert and users (other test files may stage deliberately odd rows at the same time).
 * Returns every violation found (empty when consistent), naming the rule and the rows.
 */
export async function findInconsistencies(app: App, scope: Scope): Promise<string[]> {
  const conn = app.orm.em.getConnection();
  const problems: string[] = [];
  const run = async (rules: Array<[string, string]>, prefix: string, params: unknown[]) => {
    for (const [rule, sql] of rules) {
      const rows = await conn.execute<{ id: string }[]>(`${prefix} ${sql}`, params);
      if (rows.length) problems.push(`${rule}: ${rows.map((r) => r.id).join(', ')}`);
    }
  };
  if (scope.concertId) {
    await run(
      SEAT_RULES,
      `with seats as (select s.* from seat s join concert_schedule cs on cs.id = s.schedule_id where cs.concert_id = ?),
            res as (select r.* from reservation r where r.seat_id in (select id from seats))`,
      [scope.concertId],
    );
  }
  if (scope.userIds?.length) {
    await run(BALANCE_RULES, `with users as (select * from app_user where id in (?))`, [scope.userIds]);
  }
  return problems;
}
