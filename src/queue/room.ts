import type { Topic } from '../events/bus.js';

/** A concert's waiting room as its operator sees it (API.md `WaitingRoom`). */
export interface WaitingRoomState {
  concertId: string;
  /** When the pre-queue opens (ms); null: the line is open. */
  opensAt: number | null;
  paused: boolean;
  soldOut: boolean;
  /** In force: the operator's setting, else the process configuration. */
  maxActive: number;
  activeSeconds: number;
  waiting: number;
  active: number;
  /** Admissions per second observed on the line (smoothed; the meta `rate`). */
  rate: number;
}

declare module '../events/bus.js' {
  interface TopicPayloads {
    [Topic.WaitingRoomChanged]: WaitingRoomState;
  }
}
