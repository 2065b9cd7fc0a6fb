import type { Admission } from './gate.js';
import { DomainError, ErrorCode } from '../errors.js';

/** The waiting room (work in progress: issue 4). */
export class QueueService {
  /** Throws QUEUE_TOKEN_INVALID / QUEUE_NOT_ADMITTED unless `token` is the user's ACTIVE ticket. */
  async assertActive(token: string | null, _userId: string): Promise<Admission> {
    if (!token) throw new DomainError(ErrorCode.QUEUE_TOKEN_INVALID, 'Queue-Token header is missing');
    throw new DomainError(ErrorCode.QUEUE_TOKEN_INVALID, 'Queue token is invalid');
  }

  /** Marks the ticket COMPLETED after a payment committed; frees its slot for the next in line. */
  async complete(_concertId: string, _tokenId: string): Promise<void> {}
}
