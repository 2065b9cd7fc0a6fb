import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { RESERVABLE_SEAT_SQL } from '../entities/Seat.js';
import { RESERVATION_COLUMNS, SEAT_COLUMNS, toReservation, toSeat, type ReservationRow, type SeatRow } from '../booking/seat-status.js';
import { toScheduleType } from '../catalogue/service.js';
import type { ReservationType, SeatType } from '../resolvers/booking/types.js';
import type { ConcertScheduleType } from '../resolvers/catalogue/types.js';

function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((k) => groups.get(k)!);
}

/**
 * Per-request batch loaders for nested fields: a list of N parents costs one query per field,
 * not N. Created in the context so nothing is cached across requests or users.
 */
export function createLoaders(em: EntityManager) {
  return {
    upcomingSchedulesByConcert: new DataLoader<string, ConcertScheduleType[]>(async (concertIds) => {
      const rows = await em.execute<{ id: string; concert_id: string; starts_at: Date }[]>(
        `select id, concert_id, starts_at from concert_schedule
          where concert_id in (?) and starts_at > now() order by starts_at, id`,
        [concertIds as string[]],
      );
      return groupBy(concertIds, rows.map(toScheduleType), (s) => s.concertId);
    }),

    availableSeatCount: new DataLoader<string, number>(async (scheduleIds) => {
      const rows = await em.execute<{ schedule_id: string; n: string }[]>(
        `select s.schedule_id, count(*) filter (where ${RESERVABLE_SEAT_SQL}) as n
           from seat s where s.schedule_id in (?) group by s.schedule_id`,
        [scheduleIds as string[]],
      );
      const counts = new Map(rows.map((r) => [r.schedule_id, Number(r.n)]));
      return scheduleIds.map((id) => counts.get(id) ?? 0);
    }),

    seatById: new DataLoader<string, SeatType>(async (seatIds) => {
      const rows = await em.execute<SeatRow[]>(`select ${SEAT_COLUMNS} from seat s where s.id in (?)`, [seatIds as string[]]);
      const byId = new Map(rows.map((r) => [r.id, toSeat(r)]));
      return seatIds.map((id) => byId.get(id) ?? new Error(`seat ${id} not found`));
    }),

    reservationById: new DataLoader<string, ReservationType>(async (ids) => {
      const rows = await em.execute<ReservationRow[]>(`select ${RESERVATION_COLUMNS} from reservation r where r.id in (?)`, [ids as string[]]);
      const byId = new Map(rows.map((r) => [r.id, toReservation(r)]));
      return ids.map((id) => byId.get(id) ?? new Error(`reservation ${id} not found`));
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
