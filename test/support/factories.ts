import type { EntityManager } from '@mikro-orm/postgresql';
import type { App } from '../../src/app.js';
import { Concert } from '../../src/entities/Concert.js';
import { ConcertSchedule } from '../../src/entities/ConcertSchedule.js';
import { Seat, SEATS_PER_SCHEDULE } from '../../src/entities/Seat.js';

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
  const em = app.orm.em.fork() as EntityManager;
  const concert = em.create(Concert, { title });
  const offsets = [
    ...Array.from({ length: overrides.pastSchedules ?? 0 }, (_, i) => -(i + 1)),
    ...Array.from({ length: overrides.schedules ?? 2 }, (_, i) => i + 1),
  ];
  const schedules = offsets.map((days) => {
    const schedule = em.create(ConcertSchedule, { concert, startsAt: new Date(Date.now() + days * 86_400_000) });
    for (let number = 1; number <= SEATS_PER_SCHEDULE; number++) em.create(Seat, { schedule, number, price: priceOf(number) });
    return { days, schedule };
  });
  await em.flush();
  const upcoming = schedules.filter(({ days }) => days > 0).map(({ schedule: { id, startsAt } }) => ({ id, startsAt }));
  return { id: concert.id, title, schedules: upcoming };
}
