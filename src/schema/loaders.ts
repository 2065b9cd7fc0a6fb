import { sql } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { ConcertSchedule } from '../entities/ConcertSchedule.js';
import { Reservation } from '../entities/Reservation.js';
import { RESERVABLE_SEAT_SQL, Seat } from '../entities/Seat.js';

function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((k) => groups.get(k)!);
}

function byId<T extends { id: string }>(ids: readonly string[], rows: T[], what: string): Array<T | Error> {
  const found = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => found.get(id) ?? new Error(`${what} ${id} not found`));
}

/**
 * Per-request batch loaders for nested fields: a list of N parents costs one query per field,
 * not N. Created in the context so nothing is cached across requests or users. Rows are read
 * with `refresh`, since a WebSocket connection keeps one EntityManager that may hold older copies.
 */
export function createLoaders(em: EntityManager) {
  return {
    upcomingSchedulesByConcert: new DataLoader<string, ConcertSchedule[]>(async (concertIds) => {
      const schedules = await em.find(
        ConcertSchedule,
        { concert: { $in: [...concertIds] }, startsAt: { $gt: sql.now() } },
        { orderBy: { startsAt: 'asc', id: 'asc' }, refresh: true, connectionType: 'read' },
      );
      return groupBy(concertIds, schedules, (s) => s.concert.id);
    }),

    availableSeatCount: new DataLoader<string, number>(async (scheduleIds) => {
      const rows = await em.getConnection('read').execute<{ schedule_id: string; n: string }[]>(
        `select s.schedule_id, count(*) filter (where ${RESERVABLE_SEAT_SQL}) as n
           from seat s where s.schedule_id in (?) group by s.schedule_id`,
        [scheduleIds as string[]],
      );
      const counts = new Map(rows.map((r) => [r.schedule_id, Number(r.n)]));
      return scheduleIds.map((id) => counts.get(id) ?? 0);
    }),

    seatById: new DataLoader<string, Seat>(async (ids) => byId(ids, await em.find(Seat, { id: { $in: [...ids] } }, { refresh: true }), 'seat')),

    reservationById: new DataLoader<string, Reservation>(async (ids) =>
      byId(ids, await em.find(Reservation, { id: { $in: [...ids] } }, { refresh: true }), 'reservation'),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
