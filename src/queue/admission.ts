import { fail } from '../errors.js';

/**
 * What the gate proved about a caller: they hold this queue ticket, ACTIVE (or, where a caller
 * asked for it, COMPLETED by a payment), for this concert. A plain value: the GraphQL edge
 * resolves it and hands it to the booking and money rules.
 */
export interface Admission {
  tokenId: string;
  userId: string;
  concertId: string;
  seq: number;
  /** The ticket already ended with a payment; only a payment replay accepts such an admission. */
  completed: boolean;
}

/** A token is bound to one concert: using it for another is QUEUE_TOKEN_INVALID. */
export function assertCovers(admission: Admission, concertId: string): void {
  if (admission.concertId !== concertId) throw fail.queueTokenOfAnotherConcert();
}
