import type { Logger } from '../logger.js';
import { repeatEvery } from '../repeat.js';
import type { QueueService } from './service.js';

/**
 * The loops every server process runs for the waiting room: each QUEUE_ADMIT_INTERVAL_MS it ticks
 * every line in the index (the script makes extra ticks from other processes no-ops), and every
 * QUEUE_IDLE_SECONDS / 4 it refreshes the last-seen time of this process's subscribers.
 */
export function startAdmissionLoop(queue: QueueService, log: Logger): () => Promise<void> {
  const { admitIntervalMs, idleSeconds } = queue.settings;
  const guarded = (what: string, step: () => Promise<void>) => async () => {
    try {
      await step();
    } catch (err) {
      // Redis down: try again next interval; readiness reports it.
      log.warn({ err }, `${what} failed`);
    }
  };
  // A random start spreads the processes' ticks over the interval.
  const stopTicks = repeatEvery(admitIntervalMs, guarded('admission tick', () => queue.tickAll()), admitIntervalMs * (0.5 + Math.random() / 2));
  const touchEveryMs = Math.max(500, (idleSeconds * 1000) / 4);
  const stopTouches = repeatEvery(touchEveryMs, guarded('sign-of-life refresh', () => queue.touchWatched()));
  return async () => {
    await Promise.all([stopTicks(), stopTouches()]);
    await queue.stopDraining();
  };
}
