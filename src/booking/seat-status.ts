import { ReservationStatus } from '../entities/Reservation.js';
import { SeatStatus } from '../entities/Seat.js';
import type { ReservationType, SeatType } from '../resolvers/booking/types.js';

/**
 * Row shapes of seat and reservation queries, and their effective status: a hold whose time
 * ran out already reads AVAILABLE / EXPIRED, before the sweeper rewrites the rows.
 */
export interface SeatRow {
  id: string;
  schedule_id: string;
  number: number;
  price: number;
  status: SeatStatus;
  held_until: Date | null;
}

export interface ReservationRow {
  id: string;
  seat_id: string;
  user_id: string;
  status: ReservationStatus;
  price: number;
  expires_at: Date | null;
  created_at: Date;
}

export const SEAT_COLUMNS = 's.id, s.schedule_id, s.number, s.price, s.status, s.held_until';
export const RESERVATION_COLUMNS = 'r.id, r.seat_id, r.user_id, r.status, r.price, r.expires_at, r.created_at';

const past = (d: Date | null, now: number) => d !== null && new Date(d).getTime() <= now;

export function toSeat(r: SeatRow, now = Date.now()): SeatType {
  const status = r.status === SeatStatus.HELD && past(r.held_until, now) ? SeatStatus.AVAILABLE : r.status;
  return { id: r.id, scheduleId: r.schedule_id, number: r.number, price: r.price, status };
}

/**
 * A seat as a committed change left it, for seatsChanged: the stored status, never one derived
 * from the clock at publish time (a hold published a moment before it runs out is still HELD).
 */
export function committedSeat(r: SeatRow): SeatType {
  return { id: r.id, scheduleId: r.schedule_id, number: r.number, price: r.price, status: r.status };
}

export function toReservation(r: ReservationRow, now = Date.now()): ReservationType {
  const status = r.status === ReservationStatus.HELD && past(r.expires_at, now) ? ReservationStatus.EXPIRED : r.status;
  return {
    id: r.id,
    seatId: r.seat_id,
    status,
    price: r.price,
    expiresAt: status === ReservationStatus.CONFIRMED || status === ReservationStatus.CANCELLED || !r.expires_at ? null : new Date(r.expires_at),
    createdAt: new Date(r.created_at),
  };
}
