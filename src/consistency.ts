import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The invariants seats and money must keep whatever ran concurrently and whatever crashed: the
 * same queries serve the tests (after every concurrency and fault test) and operators
 * (`npm run check:consistency`). Each rule is a query that returns the ids of the rows breaking it.
 */
/** What to check; an empty scope checks the whole database. */
export interface Scope {
  /** The seats, reservations and payments of this concert. */
  concertId?: string;
  /** The balances and ledgers of these users. */
  userIds?: string[];
}

export interface Rule {
  name: string;
  sql: string;
}

/** Over `seats` and `res` (the scope's seats and their reservations). */
export const SEAT_RULES: Rule[] = [
  { name: 'seat SOLD more than once', sql: `select seat_id as id from res where status = 'CONFIRMED' group by seat_id having count(*) > 1` },
  { name: 'SOLD seat without its CONFIRMED reservation', sql: `select s.id from seats s where s.status = 'SOLD' and not exists (select 1 from res r where r.seat_id = s.id and r.status = 'CONFIRMED')` },
  { name: 'CONFIRMED reservation on a seat not SOLD', sql: `select r.id from res r join seats s on s.id = r.seat_id where r.status = 'CONFIRMED' and s.status <> 'SOLD'` },
  { name: 'CONFIRMED reservation without exactly one payment', sql: `select r.id from res r where r.status = 'CONFIRMED' and (select count(*) from payment p where p.reservation_id = r.id) <> 1` },
  { name: 'payment of a reservation not CONFIRMED', sql: `select p.id from payment p join res r on r.id = p.reservation_id where r.status <> 'CONFIRMED'` },
  { name: 'payment amount not the reservation price', sql: `select p.id from payment p join res r on r.id = p.reservation_id where p.amount <> r.price` },
  { name: 'seat with two live holds', sql: `select seat_id as id from res where status = 'HELD' and expires_at > now() group by seat_id having count(*) > 1` },
];

/**
 * A hold the sweeper should have released: HELD more than `sweepGraceSeconds` past its end.
 * Checked only when the caller says the sweeper has had time to run.
 */
export const stuckHoldRule = (sweepGraceSeconds: number): Rule => ({
  name: `hold still HELD ${sweepGraceSeconds} s past its end`,
  sql: `select s.id from seats s where s.status = 'HELD' and s.held_until < now() - make_interval(secs => ${Number(sweepGraceSeconds)})`,
});

/** Over `users` (the scope's users). */
export const BALANCE_RULES: Rule[] = [
  { name: 'balance not the sum of its ledger', sql: `select u.id from users u where u.balance <> coalesce((select sum(e.amount) from balance_entry e where e.user_id = u.id), 0)` },
  { name: 'balance not the newest balanceAfter', sql: `select u.id from users u where u.balance <> coalesce((select e.balance_after from balance_entry e where e.user_id = u.id order by e.seq desc limit 1), 0)` },
  {
    name: 'ledger entries that do not chain',
    sql: `select e.id from (select id, user_id, balance_after, amount, lag(balance_after, 1, 0::bigint) over (partition by user_id order by seq) as before from balance_entry) e join users u on u.id = e.user_id where e.before + e.amount <> e.balance_after`,
  },
  { name: 'negative balance', sql: `select id from users where balance < 0` },
  {
    name: 'payment without its PAYMENT ledger entry',
    sql: `select p.id from payment p join users u on u.id = p.user_id
           where not exists (select 1 from balance_entry e where e.user_id = p.user_id and e.kind = 'PAYMENT' and e.amount = -p.amount and e.balance_after = p.balance_after)`,
  },
  {
    name: 'PAYMENT ledger entries not one per payment',
    sql: `select u.id from users u where (select count(*) from balance_entry e where e.user_id = u.id and e.kind = 'PAYMENT') <> (select count(*) from payment p where p.user_id = u.id)`,
  },
];

export interface RuleResult {
  rule: string;
  ids: string[];
}

/** Runs every rule over the scope; one result per rule, with the ids of the rows breaking it. */
export async function checkConsistency(em: EntityManager, scope: Scope = {}, options: { sweepGraceSeconds?: number } = {}): Promise<RuleResult[]> {
  const conn = em.getConnection();
  const results: RuleResult[] = [];
  const run = async (rules: Rule[], prefix: string, params: unknown[]) => {
    for (const rule of rules) {
      const rows = await conn.execute<{ id: string }[]>(`${prefix} ${rule.sql}`, params);
      results.push({ rule: rule.name, ids: rows.map((r) => r.id) });
    }
  };
  const everything = scope.concertId === undefined && scope.userIds === undefined;
  if (everything || scope.concertId !== undefined) {
    const seatRules = options.sweepGraceSeconds === undefined ? SEAT_RULES : [...SEAT_RULES, stuckHoldRule(options.sweepGraceSeconds)];
    const seats = scope.concertId
      ? { sql: `select s.* from seat s join concert_schedule cs on cs.id = s.schedule_id where cs.concert_id = ?`, params: [scope.concertId] }
      : { sql: `select * from seat`, params: [] };
    await run(seatRules, `with seats as (${seats.sql}), res as (select r.* from reservation r where r.seat_id in (select id from seats))`, seats.params);
  }
  if (everything || scope.userIds?.length) {
    const users = scope.userIds ? { sql: `select * from app_user where id in (?)`, params: [scope.userIds] } : { sql: `select * from app_user`, params: [] };
    await run(BALANCE_RULES, `with users as (${users.sql})`, users.params);
  }
  return results;
}

/** Every violation found (empty when consistent), as `rule: ids`. */
export async function findInconsistencies(em: EntityManager, scope: Scope = {}, options: { sweepGraceSeconds?: number } = {}): Promise<string[]> {
  return (await checkConsistency(em, scope, options)).filter((r) => r.ids.length).map((r) => `${r.rule}: ${r.ids.join(', ')}`);
}
