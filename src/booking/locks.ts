import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Reservation } from '../entities/Reservation.js';
import { User } from '../entities/User.js';
import { fail } from '../errors.js';

/**
 * Every transaction that touches several of these rows locks them in one order: the user, then
 * the seat, then its reservations (reserve, pay, cancel and the sweeper all do), so two of them
 * can wait for each other but never deadlock. These are the two first steps of that order.
 */

/** Locks the user's row: serializes one user's holds and payments (`select 1 ... for update`). */
export async function lockUser(tx: EntityManager, userId: string): Promise<void> {
  await tx.lock(tx.getReference(User, userId), LockMode.PESSIMISTIC_WRITE);
}

/** The caller's reservation, locked, with what the rules that follow need to know about it. */
export interface LockedReservation {
  /** Read under the lock, so its status is the one the transaction acts on. */
  reservation: Reservation;
  concertId: string;
  /** Whether its hold still runs, by the database's clock (the clock every hold is made by). */
  live: boolean;
}

/**
 * Locks the caller's reservation in the order above (its seat first) and returns it with its
 * concert and whether its hold is still running; NOT_FOUND when it is not the caller's.
 */
export async function lockOwnReservation(tx: EntityManager, userId: string, reservationId: string): Promise<LockedReservation> {
  const found = await tx.findOne(Reservation, { id: reservationId, user: userId }, { fields: ['seat'] });
  if (!found) throw fail.notFound('Reservation');
  await tx.lock(found.seat, LockMode.PESSIMISTIC_WRITE);
  // One statement reads the row under its lock together with its concert and the database's
  // verdict on the hold; the row maps onto the entity, whose columns are declared only there.
  const [{ concert_id: concertId, live, ...row }] = await tx.execute<Array<Record<string, unknown> & { concert_id: string; live: boolean | null }>>(
    `select r.*, cs.concert_id, (r.expires_at > now()) as live
       from reservation r join seat s on s.id = r.seat_id join concert_schedule cs on cs.id = s.schedule_id
      where r.id = ? for update of r`,
    [reservationId],
  );
  return { reservation: tx.map(Reservation, row), concertId, live: live === true };
}
