import type { App } from '../../src/app.js';
import { SEATS_PER_SCHEDULE } from '../../src/entities/Seat.js';

export interface ConcertFixture {
  id: string;
  title: string;
  schedules: Array<{ id: string; startsAt: Date }>;
}

let counter = 0;

/**
 * Inserts a concert with `schedules` future performances (and optional past ones) of 50 seats
 * each. Defaults merge with overrides; every call makes new rows, so tests never share data.
 */
export async function createConcert(
  app: App,
  overrides: { title?: string; schedules?: number; pastSchedules?: number; price?: number | ((seat: number) => number) } = {},
): Promise<ConcertFixture> {
  const title = overrides.title ?? `Test concert ${++counter} ${Math.random().toString(36).slice(2, 8)}`;
  const priceOf = typeof overrides.price === 'function' ? overrides.price : () => (overrides.price as number | undefined) ?? 100_000;
  const conn = app.orm.em.getConnection();
  const [{ id }] = await conn.execute<{ id: string }[]>('insert into concert (title) values (?) returning id', [title]);
  const schedules: ConcertFixture['schedules'] = [];
  const offsets = [
    ...Array.from({ length: overrides.pastSchedules ?? 0 }, (_, i) => -(i + 1)),
    ...Array.from({ length: overrides.schedules ?? 2 }, (_, i) => i + 1),
  ];
  for (const days of offsets) {
    const startsAt = new Date(Date.now() + days * 86_400_000);
    const [row] = await conn.execute<{ id: string }[]>('insert into concert_schedule (concert_id, starts_at) values (?, ?) returning id', [id, startsAt]);
    const numbers = Array.from({ length: SEATS_PER_SCHEDULE }, (_, i) => i + 1);
    // MikroORM expands array parameters into lists, so the arrays go in as Postgres literals.
    await conn.execute(
      `insert into seat (schedule_id, number, price) select ?, n, p from unnest(?::int[], ?::int[]) as t(n, p)`,
      [row.id, `{${numbers.join(',')}}`, `{${numbers.map(priceOf).join(',')}}`],
    );
    if (days > 0) schedules.push({ id: row.id, startsAt });
  }
  return { id, title, schedules };
}
