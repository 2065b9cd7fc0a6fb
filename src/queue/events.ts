import type { Topic } from '../events/bus.js';
import { isTerminal, QueueStatus, type TicketState } from './ticket.js';

/**
 * The one message a concert's line publishes per change (admission tick, completion, restore).
 * Subscribers work out their own new ticket from it with no Redis round trip: a waiting
 * holder's position drops by the number of `left` sequence numbers below theirs and rises by the
 * `inserted` ones below theirs.
 */
export interface QueueEvent {
  concertId: string;
  /** The line's change counter after this change; a gap means an event was missed. */
  version: number;
  at: number;
  /** Observed admission rate (per second) after this change. */
  rate: number;
  /** Sorted sequence numbers that left the waiting line (admitted or cancelled). */
  left: number[];
  /** Sequence numbers put back into the line (restored after Redis lost it). */
  inserted: number[];
  /** tokenId -> activeUntil (ms) for holders admitted. */
  admitted: Record<string, number>;
  /** tokenId -> terminal status for holders whose ticket ended. */
  ended: Record<string, QueueStatus>;
}

declare module '../events/bus.js' {
  interface TopicPayloads {
    [Topic.QueueChanged]: QueueEvent;
  }
}

/** Count of sorted numbers below `x` (binary search: ticks may admit thousands at once). */
function countBelow(sorted: number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Applies an event to a holder's ticket: the new state and whether the holder should hear
 * about it (position or status changed); `null` when the state already reflects the event.
 */
export function applyEvent(state: TicketState, event: QueueEvent): { state: TicketState; changed: boolean } | null {
  if (event.version <= state.version || isTerminal(state.status)) return null;
  const next: TicketState = { ...state, version: event.version, rate: event.rate };
  const ended = event.ended[state.tokenId];
  const admittedUntil = event.admitted[state.tokenId];
  if (ended) {
    Object.assign(next, { status: ended, position: null, activeUntil: null });
  } else if (admittedUntil !== undefined) {
    Object.assign(next, { status: QueueStatus.ACTIVE, position: null, activeUntil: admittedUntil });
  } else if (state.status === QueueStatus.WAITING && state.position !== null) {
    const inserted = event.inserted.filter((s) => s < state.seq).length;
    next.position = state.position - countBelow(event.left, state.seq) + inserted;
  }
  return { state: next, changed: next.status !== state.status || next.position !== state.position };
}
