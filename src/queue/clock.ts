/**
 * The process's own clock. The waiting room keeps time in Redis (TIME inside its scripts); this
 * clock is for what stays local (checking a token's signed lifetime). CLOCK_OFFSET_MS shifts it,
 * so a test can run server processes whose clocks disagree, as machines' clocks do.
 */
export interface Clock {
  /** Milliseconds since the epoch, as this process believes. */
  now(): number;
}

export const processClock = (offsetMs = 0): Clock => ({ now: () => Date.now() + offsetMs });
