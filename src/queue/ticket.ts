import { waitSeconds, waitTrend, type EstimatePolicy, type LineOutlook, type WaitTrend } from './estimate.js';

/** The statuses of API.md's QueueStatus. */
export enum QueueStatus {
  WAITING = 'WAITING',
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
  SOLD_OUT = 'SOLD_OUT',
}

export const isTerminal = (s: QueueStatus): boolean => s !== QueueStatus.WAITING && s !== QueueStatus.ACTIVE;

/** Status codes of the Lua scripts (src/queue/lua/lib.lua); 0 is a ticket the line does not know. */
const STATUS_BY_CODE: Record<number, QueueStatus> = {
  1: QueueStatus.WAITING,
  2: QueueStatus.ACTIVE,
  3: QueueStatus.EXPIRED,
  4: QueueStatus.COMPLETED,
  5: QueueStatus.CANCELLED,
  6: QueueStatus.SOLD_OUT,
};

/** The status of a script's status code; undefined for 0 (unknown). */
export const statusOfCode = (code: number): QueueStatus | undefined => STATUS_BY_CODE[code];

/** A holder's ticket at one moment, everything the API reports. */
export interface TicketState {
  tokenId: string;
  userId: string;
  concertId: string;
  seq: number;
  epoch: string;
  status: QueueStatus;
  issuedAt: number;
  activeUntil: number | null;
  /** 1-based place among those waiting; null unless WAITING. */
  position: number | null;
  /** The line as the wait estimate sees it (src/queue/estimate.ts), read with this state. */
  outlook: LineOutlook;
  /** The line's change counter when this state was read. */
  version: number;
  /** Redis time (ms) when this state was read: `pollAfterSeconds` counts from it, never from a process clock. */
  at: number;
  /** The signed token, once computed (it never changes for a ticket; signing costs an HMAC). */
  token?: string;
  /** The seq the token was signed with, when the opening shuffle has since given the ticket another (`seq`). */
  tokenSeq?: number;
  /** When the line opens (ms) while this WAITING ticket is in the pre-queue (no position yet); else null. */
  opensAt: number | null;
  /** The operator has paused admission on this line. */
  paused: boolean;
}

/** Whether a ticket of this seq waits in the pre-queue of an opening at `shuffleAt` (ms, 0: none pending). */
export const prequeueUntil = (shuffleAt: number, seq: number): number | null => (shuffleAt > 0 && seq < shuffleAt * 1000 ? shuffleAt : null);

/** A WAITING ticket with a place in a line that admits: paused, or in the pre-queue (no place until the opening shuffle), nobody can say when it is admitted. */
const estimable = (state: TicketState): state is TicketState & { position: number } =>
  state.status === QueueStatus.WAITING && state.position !== null && !state.paused && state.opensAt === null;

/** Seconds until a WAITING holder is admitted (src/queue/estimate.ts); null unless WAITING with a place, and while paused. */
export function estimatedWaitSeconds(state: TicketState, policy: EstimatePolicy): number | null {
  return estimable(state) ? waitSeconds(state.outlook, state.position, state.at, policy) : null;
}

/** Whether the line moves faster or slower lately; null whenever there is no estimate. */
export function estimateTrend(state: TicketState, policy: EstimatePolicy): WaitTrend | null {
  return estimable(state) ? waitTrend(state.outlook, policy) : null;
}

/**
 * When a polling client should ask again: 1 s near the head, then a tenth of the expected
 * wait (2..60 s), so a line of a million polls at a few thousand requests per second, not a
 * million. ACTIVE: in time to see the expiry (at most 30 s). Terminal: 0, nothing to wait for.
 */
export function pollAfterSeconds(state: TicketState, waitSeconds: number | null): number {
  if (state.status === QueueStatus.ACTIVE) return Math.max(1, Math.min(30, Math.ceil(((state.activeUntil ?? state.at) - state.at) / 1000)));
  if (state.status !== QueueStatus.WAITING) return 0;
  // Pre-queue: a sign of life well within QUEUE_IDLE_SECONDS, and a look at the opening in time.
  if (state.opensAt !== null) return Math.max(1, Math.min(30, Math.ceil((state.opensAt - state.at) / 1000)));
  if ((waitSeconds ?? 0) <= 10 || (state.position ?? 0) <= 10) return 1;
  return Math.min(60, Math.max(2, Math.ceil((waitSeconds ?? 0) / 10)));
}
