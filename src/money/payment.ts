import { raw, type EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { BalanceEntryKind } from '../entities/BalanceEntry.js';
import { Payment } from '../entities/Payment.js';
import { Reservation, ReservationStatus } from '../entities/Reservation.js';
import { Seat } from '../entities/Seat.js';
import { fail } from '../errors.js';
import type { Logger } from '../logger.js';
import { assertCovers, type Admission } from '../queue/admission.js';
import type { QueueService } from '../queue/service.js';
import { lockOwnReservation, lockUser } from '../booking/locks.js';
import type { BookingService } from '../booking/service.js';
import type { BalanceService } from './balance.js';

export const IDEMPOTENCY_KEY_MAX_LENGTH = 200;

/**
 * The payment rule: debit, payment, reservation CONFIRMED and seat SOLD in one transaction, then
 * the queue ticket COMPLETED once the holder holds no other seat of that concert (a fan holding
 * two seats pays for both, one after the other, with one admission). Exactly once per reservation
 * and per (user, idempotency key): the user's row lock serializes a user's payments (so a
 * concurrent retry waits, then finds the first one's Payment, and of two payments for the last
 * two holds exactly one sees no hold left), and unique indexes on payment back that up.
 */
export class PaymentService {
  constructor(
    private readonly balance: BalanceService,
    private readonly booking: BookingService,
    private readonly queue: QueueService,
    private readonly log: Logger,
    /** Told of each payment made (not of replays), after its commit. */
    private readonly onPaid?: (amount: number) => void,
  ) {}

  /**
   * Pays the caller's HELD reservation. The same key for the same reservation returns the first
   * Payment however often (or concurrently) it is sent; omitted, every call is a new attempt.
   */
  async pay(em: EntityManager, admission: Admission, reservationId: string, idempotencyKey?: string | null): Promise<Payment> {
    const key = idempotencyKey ?? randomUUID();
    if (key.length < 1 || key.length > IDEMPOTENCY_KEY_MAX_LENGTH) throw fail.badInput('idempotencyKey', `idempotencyKey must be 1..${IDEMPOTENCY_KEY_MAX_LENGTH} characters`);
    const userId = admission.userId;

    const result = await em.transactional(async (tx) => {
      await lockUser(tx, userId);
      const replay = await this.paymentByKey(tx, userId, key, reservationId);
      if (replay) return { payment: replay, seat: null, checkedOut: false };
      // Only a replay may use a ticket its own payment completed.
      if (admission.completed) throw fail.queueTicketEnded('COMPLETED');

      const { reservation, concertId, live } = await lockOwnReservation(tx, userId, reservationId);
      assertCovers(admission, concertId);
      if (reservation.status === ReservationStatus.CONFIRMED || (await tx.count(Payment, { reservation }))) throw fail.alreadyPaid();
      if (reservation.status === ReservationStatus.CANCELLED) throw fail.holdCancelled();
      if (reservation.status !== ReservationStatus.HELD || !live) throw fail.holdRanOut();

      const entry = await this.balance.apply(tx, userId, -reservation.price, BalanceEntryKind.PAYMENT);
      const [sold] = await tx.execute(`update seat set status = 'SOLD', held_until = null where id = ? and status = 'HELD' returning *`, [reservation.seat.id]);
      if (!sold) throw fail.holdRanOut();
      reservation.status = ReservationStatus.CONFIRMED;
      reservation.expiresAt = null;
      // Inserted (and the reservation updated) when the transaction flushes, before it commits.
      const payment = tx.create(Payment, { reservation, user: userId, amount: reservation.price, balanceAfter: entry.balanceAfter, idempotencyKey: key });
      // Read under the user's row lock, which every hold of theirs takes too.
      const otherHolds = await tx.count(Reservation, {
        user: userId,
        status: ReservationStatus.HELD,
        id: { $ne: reservation.id },
        expiresAt: { $gt: raw('now()') },
        seat: { schedule: { concert: concertId } },
      });
      return { payment, seat: tx.map(Seat, sold), checkedOut: otherHolds === 0 };
    });

    if (result.seat) {
      this.onPaid?.(result.payment.amount);
      await this.booking.publishSeats([result.seat]);
    }
    if (result.checkedOut) {
      await this.queue.complete(admission.concertId, admission.tokenId).catch((err: unknown) => {
        // Paid and committed; the ticket still ends when its ACTIVE time runs out.
        this.log.warn({ err, tokenId: admission.tokenId }, 'queue ticket not completed after payment');
      });
    }
    return result.payment;
  }

  /** The caller's payment made with this key; IDEMPOTENCY_KEY_REUSED if it paid another reservation. */
  private async paymentByKey(tx: EntityManager, userId: string, key: string, reservationId: string): Promise<Payment | null> {
    const payment = await tx.findOne(Payment, { user: userId, idempotencyKey: key });
    if (payment && payment.reservation.id !== reservationId) throw fail.idempotencyKeyReused();
    return payment;
  }
}
