import { waitSeconds, waitTrend, type EstimatePolicy, type LineOutlook, type WaitTrend } from './estimate.js';

/** The statuses of API.md's QueueStatus. */
export enum QueueStatus {
  WAITING = 'WAITING',
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}

export const isTerminal = (s: QueueStatus): boolean => s !== QueueStatus.WAITING && s !== QueueStatus.ACTIVE;

/** Status codes of the Lua scripts (src/queue/lua/lib.lua); 0 is a ticket the line does not know. */
const STATUS_BY_CODE: Record<number, QueueStatus> = {
  1: QueueStatus.WAITING,
  2: QueueStatus.ACTIVE,
  3: QueueStatus.EXPIRED,
  4: QueueStatus.COMPLETED,
  5: QueueStatus.CANCELLED,
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
}

/** Seconds until a WAITING holder is admitted (src/queue/estimate.ts); null unless WAITING. */
export function estimatedWaitSeconds(state: TicketState, policy: EstimatePolicy): number | null {
  if (state.status !== QueueStatus.WAITING) return null;
  return waitSeconds(state.outlook, state.position, state.at, policy);
}

/** Whether the line moves faster or slower lately; null unless WAITING (and the line runs). */
export function estimateTrend(state: TicketState, policy: EstimatePolicy): WaitTrend | null {
  if (state.status !== QueueStatus.WAITING) return null;
  return waitTrend(state.outlook, policy);
}

/**
 * When a polling client should ask again: 1 s near the head, then a tenth of the expected
 * wait (2..60 s), so a line of a million polls at a few thousand requests per second, not a
 * million. ACTIVE: in time to see the expiry (at most 30 s). Terminal: 0, nothing to wait for.
 */
export function pollAfterSeconds(state: TicketState, waitSeconds: number | null): number {
  if (state.status === QueueStatus.ACTIVE) return Math.max(1, Math.min(30, Math.ceil(((state.activeUntil ?? state.at) - state.at) / 1000)));
  if (state.status !== QueueStatus.WAITING) return 0;
  if ((waitSeconds ?? 0) <= 10 || (state.position ?? 0) <= 10) return 1;
  return Math.min(60, Math.max(2, Math.ceil((waitSeconds ?? 0) / 10)));
}
