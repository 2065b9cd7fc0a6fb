import type { App } from '../../src/app.js';

/**
 * The invariants money and seats must keep whatever ran concurrently. Returns every violation
 * found (empty when consistent), so a failing test shows which rows broke which rule.
 */
export async function findInconsistencies(app: App): Promise<string[]> {
  const conn = app.orm.em.getConnection();
  const checks: Array<[string, string]> = [
    ['seat SOLD more than once', `select seat_id as id from reservation where status = 'CONFIRMED' group by seat_id having count(*) > 1`],
    ['SOLD seat without its CONFIRMED reservation', `select s.id from seat s where s.status = 'SOLD' and not exists (select 1 from reservation r where r.seat_id = s.id and r.status = 'CONFIRMED')`],
    ['CONFIRMED reservation on a seat not SOLD', `select r.id from reservation r join seat s on s.id = r.seat_id where r.status = 'CONFIRMED' and s.status <> 'SOLD'`],
    ['CONFIRMED reservation without exactly one payment', `select r.id from reservation r where r.status = 'CONFIRMED' and (select count(*) from payment p where p.reservation_id = r.id) <> 1`],
    ['payment of a reservation not CONFIRMED', `select p.id from payment p join reservation r on r.id = p.reservation_id where r.status <> 'CONFIRMED'`],
    ['payment amount not the reservation price', `select p.id from payment p join reservation r on r.id = p.reservation_id where p.amount <> r.price`],
    ['seat with two live holds', `select seat_id as id from reservation where status = 'HELD' and expires_at > now() group by seat_id having count(*) > 1`],
    ['balance not the sum of its ledger', `select u.id from app_user u where u.balance <> coalesce((select sum(e.amount) from balance_entry e where e.user_id = u.id), 0)`],
    ['balance not the newest balanceAfter', `select u.id from app_user u where u.balance <> coalesce((select e.balance_after from balance_entry e where e.user_id = u.id order by e.seq desc limit 1), 0)`],
    ['ledger entries that do not chain', `select e.id from (select id, balance_after, amount, lag(balance_after, 1, 0::bigint) over (partition by user_id order by seq) as before from balance_entry) e where e.before + e.amount <> e.balance_after`],
    ['negative balance', `select id from app_user where balance < 0`],
  ];
  const problems: string[] = [];
  for (const [rule, sql] of checks) {
    const rows = await conn.execute<{ id: string }[]>(sql);
    if (rows.length) problems.push(`${rule}: ${rows.map((r) => r.id).join(', ')}`);
  }
  return problems;
}
