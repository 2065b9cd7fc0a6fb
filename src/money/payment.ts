import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { BalanceEntryKind } from '../entities/BalanceEntry.js';
import { ReservationStatus } from '../entities/Reservation.js';
import { fail } from '../errors.js';
import type { Logger } from '../logger.js';
import { assertCovers, type Admission } from '../queue/admission.js';
import type { QueueService } from '../queue/service.js';
import type { PaymentType } from '../resolvers/payment/types.js';
import { lockOwnReservation, type BookingService } from '../booking/service.js';
import { committedSeat, SEAT_COLUMNS, type SeatRow } from '../booking/seat-status.js';
import type { BalanceService } from './balance.js';

export const IDEMPOTENCY_KEY_MAX_LENGTH = 200;

interface PaymentRow {
  id: string;
  reservation_id: string;
  amount: number;
  balance_after: string;
  paid_at: Date;
}
const PAYMENT_COLUMNS = 'p.id, p.reservation_id, p.amount, p.balance_after, p.paid_at';
const toPayment = (r: PaymentRow): PaymentType => ({ id: r.id, reservationId: r.reservation_id, amount: r.amount, balanceAfter: Number(r.balance_after), paidAt: new Date(r.paid_at) });

/**
 * The payment rule: debit, payment, reservation CONFIRMED and seat SOLD in one transaction, then
 * the queue ticket COMPLETED. Exactly once per reservation and per (user, idempotency key): the
 * user's row lock serializes a user's payments (so a concurrent retry waits, then finds the first
 * one's Payment), and unique indexes on payment back that up.
 */
export class PaymentService {
  constructor(
    private readonly balance: BalanceService,
    private readonly booking: BookingService,
    private readonly queue: QueueService,
    private readonly log: Logger,
  ) {}

  /**
   * Pays the caller's HELD reservation. The same key for the same reservation returns the first
   * Payment however often (or concurrently) it is sent; omitted, every call is a new attempt.
   */
  async pay(em: EntityManager, admission: Admission, reservationId: string, idempotencyKey?: string | null): Promise<PaymentType> {
    const id = reservationId;
    const key = idempotencyKey ?? randomUUID();
    if (key.length < 1 || key.length > IDEMPOTENCY_KEY_MAX_LENGTH) throw fail.badInput('idempotencyKey', `idempotencyKey must be 1..${IDEMPOTENCY_KEY_MAX_LENGTH} characters`);
    const userId = admission.userId;

    const result = await em.transactional(async (tx) => {
      await tx.execute('select id from app_user where id = ? for update', [userId]);
      const replay = await this.paymentByKey(tx, userId, key, id);
      if (replay) return { payment: replay, seat: null };
      // Only a replay may use a ticket its own payment completed.
      if (admission.completed) throw fail.queueTicketEnded('COMPLETED');

      const r = await lockOwnReservation(tx, userId, id);
      assertCovers(admission, r.concert_id);
      const [paid] = await tx.execute<{ id: string }[]>('select id from payment where reservation_id = ?', [id]);
      if (paid || r.status === ReservationStatus.CONFIRMED) throw fail.alreadyPaid();
      if (r.status === ReservationStatus.CANCELLED) throw fail.holdCancelled();
      if (r.status !== ReservationStatus.HELD || !r.live) throw fail.holdRanOut();

      const entry = await this.balance.apply(tx, userId, -r.price, BalanceEntryKind.PAYMENT);
      const [seat] = await tx.execute<SeatRow[]>(
        `update seat s set status = 'SOLD', held_until = null where s.id = ? and s.status = 'HELD' returning ${SEAT_COLUMNS}`,
        [r.seat_id],
      );
      if (!seat) throw fail.holdRanOut();
      await tx.execute(`update reservation set status = 'CONFIRMED', expires_at = null where id = ?`, [id]);
      const [payment] = await tx.execute<PaymentRow[]>(
        `insert into payment as p (reservation_id, user_id, amount, balance_after, idempotency_key)
         values (?, ?, ?, ?, ?) returning ${PAYMENT_COLUMNS}`,
        [id, userId, r.price, entry.balanceAfter, key],
      );
      return { payment: toPayment(payment), seat: committedSeat(seat) };
    });

    if (result.seat) {
      await this.booking.publishSeats([result.seat]);
      await this.queue.complete(admission.concertId, admission.tokenId).catch((err: unknown) => {
        // Paid and committed; the ticket still ends when its ACTIVE time runs out.
        this.log.warn({ err, tokenId: admission.tokenId }, 'queue ticket not completed after payment');
      });
    }
    return result.payment;
  }

  /** The caller's payment made with this key; IDEMPOTENCY_KEY_REUSED if it paid another reservation. */
  private async paymentByKey(tx: EntityManager, userId: string, key: string, reservationId: string): Promise<PaymentType | null> {
    const [row] = await tx.execute<PaymentRow[]>(`select ${PAYMENT_COLUMNS} from payment p where p.user_id = ? and p.idempotency_key = ?`, [userId, key]);
    if (!row) return null;
    if (row.reservation_id !== reservationId) {
      throw fail.idempotencyKeyReused();
    }
    return toPayment(row);
  }
}
