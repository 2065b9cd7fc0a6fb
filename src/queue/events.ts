import type { Topic } from '../events/bus.js';
import type { TickReply } from './commands.js';
import { parseOutlook, type LineOutlook } from './estimate.js';
import { isTerminal, prequeueUntil, QueueStatus, type TicketState } from './ticket.js';

/**
 * The one message a concert's line publishes per change (admission tick, completion, expiry seen
 * by a holder's own call, restore). Tickets are named by sequence number, which every holder
 * knows of its own ticket, and lists are packed (`packSeqs`). A tick handles at most
 * QUEUE_TICK_BATCH tickets per step, so an event holds at most a few thousand numbers however
 * many fans leave at once.
 */
export interface QueueEvent {
  concertId: string;
  /** The line's change counter after this change; a gap means an event was missed. */
  version: number;
  /** Redis time (ms) of the change. */
  at: number;
  /** The line's outlook after this change (the wait estimate's inputs, src/queue/estimate.ts). */
  outlook: string;
  /** Sequence numbers that left the waiting line (admitted or cancelled). */
  left?: string;
  /** Those of `left` that were admitted; the others were cancelled. */
  admitted?: string;
  /** When the admissions of this change end (ms). */
  activeUntil?: number;
  /** ACTIVE tickets whose time ran out. */
  expired?: string;
  /** ACTIVE tickets a payment completed. */
  completed?: string;
  /** Sequence numbers put back into the line (restored after Redis lost it). */
  inserted?: string;
  /** Those of `left` that ended SOLD_OUT. */
  soldOut?: string;
  /** An operator's settings changed: whether admission is paused now. */
  paused?: boolean;
  /** An operator's settings changed: the pending opening (ms; 0: none). */
  shuffleAt?: number;
  /** The pre-queue was shuffled into the line: its tickets have new seqs and are read again. */
  shuffled?: boolean;
}

declare module '../events/bus.js' {
  interface TopicPayloads {
    [Topic.QueueChanged]: QueueEvent;
  }
}

/**
 * Sorted sequence numbers as text: the first in base 36, then the gaps, comma-separated. A tick's
 * thousand cancellations of a long line take a few bytes each instead of 17.
 */
export function packSeqs(sorted: readonly number[]): string | undefined {
  if (!sorted.length) return undefined;
  let prev = 0;
  return sorted
    .map((seq) => {
      const gap = seq - prev;
      prev = seq;
      return gap.toString(36);
    })
    .join(',');
}

export function unpackSeqs(packed: string | undefined): number[] {
  if (!packed) return [];
  let prev = 0;
  return packed.split(',').map((gap) => (prev += parseInt(gap, 36)));
}

/** The event of an admit call that changed the line; null when it changed nothing. */
export function tickEvent(concertId: string, reply: Extract<TickReply, [1, ...unknown[]]>): QueueEvent | null {
  const [, version, at, outlook, left, admitted, activeUntil, expired, , , soldOut] = reply;
  if (!left.length && !expired.length) return null;
  return {
    concertId,
    version,
    at,
    outlook,
    left: packSeqs(left),
    admitted: packSeqs(admitted),
    activeUntil: admitted.length ? activeUntil : undefined,
    expired: packSeqs(expired),
    soldOut: packSeqs(soldOut),
  };
}

/** An event decoded once per process, then applied to each of its subscribers of the line. */
export interface LineChange {
  version: number;
  at: number;
  outlook: LineOutlook;
  left: number[];
  admitted: Set<number>;
  activeUntil: number;
  expired: Set<number>;
  completed: Set<number>;
  inserted: number[];
  soldOut: Set<number>;
  paused?: boolean;
  shuffleAt?: number;
  shuffled: boolean;
}

export function decodeEvent(e: QueueEvent): LineChange {
  return {
    version: e.version,
    at: e.at,
    outlook: parseOutlook(e.outlook),
    left: unpackSeqs(e.left),
    admitted: new Set(unpackSeqs(e.admitted)),
    activeUntil: e.activeUntil ?? 0,
    expired: new Set(unpackSeqs(e.expired)),
    completed: new Set(unpackSeqs(e.completed)),
    inserted: unpackSeqs(e.inserted),
    soldOut: new Set(unpackSeqs(e.soldOut)),
    paused: e.paused,
    shuffleAt: e.shuffleAt,
    shuffled: e.shuffled === true,
  };
}

/** Count of sorted numbers below `x`, and whether `x` is among them (binary search). */
function rankIn(sorted: number[], x: number): { below: number; found: boolean } {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return { below: lo, found: sorted[lo] === x };
}

/**
 * A holder's ticket after a change: a waiting holder's position drops by the tickets that left
 * ahead of it and rises by those put back ahead of it; its own sequence number among `left`
 * means admitted or cancelled; an ACTIVE one may have run out or been completed. `changed`: the
 * holder sees something new (status or position). The caller applies changes in version order.
 */
export function applyChange(state: TicketState, c: LineChange): { state: TicketState; changed: boolean } {
  // A pre-queue ticket got a new seq in the shuffle, which only a re-read tells: it stays at its
  // version, so the line's watch reads it again.
  if (c.shuffled && state.status === QueueStatus.WAITING && state.opensAt !== null) return { state, changed: false };
  const next: TicketState = { ...state, version: c.version, outlook: c.outlook, at: c.at };
  if (isTerminal(state.status)) return { state: next, changed: false };
  if (c.paused !== undefined) next.paused = c.paused;
  if (c.shuffleAt !== undefined && state.status === QueueStatus.WAITING) next.opensAt = prequeueUntil(c.shuffleAt, state.seq);
  if (state.status === QueueStatus.WAITING) {
    const left = rankIn(c.left, state.seq);
    if (left.found) {
      const admitted = c.admitted.has(state.seq);
      const ended = admitted ? QueueStatus.ACTIVE : c.soldOut.has(state.seq) ? QueueStatus.SOLD_OUT : QueueStatus.CANCELLED;
      Object.assign(next, { status: ended, position: null, opensAt: null, activeUntil: admitted ? c.activeUntil : null });
    } else if (state.position !== null) {
      next.position = state.position - left.below + rankIn(c.inserted, state.seq).below;
    }
  } else if (state.status === QueueStatus.ACTIVE) {
    const ended = c.expired.has(state.seq) ? QueueStatus.EXPIRED : c.completed.has(state.seq) ? QueueStatus.COMPLETED : null;
    if (ended) Object.assign(next, { status: ended, position: null, activeUntil: null });
  }
  return { state: next, changed: next.status !== state.status || next.position !== state.position || next.paused !== state.paused || next.opensAt !== state.opensAt };
}
