import type { Logger } from '../logger.js';
import { repeatEvery } from '../repeat.js';
import type { QueueService } from './service.js';

/**
 * The admission loop every server process runs: each QUEUE_ADMIT_INTERVAL_MS it ticks every
 * concert's line (the script makes extra ticks from other processes no-ops) and refreshes the
 * last-seen time of this process's subscribers.
 */
export function startAdmissionLoop(queue: QueueService, log: Logger): () => Promise<void> {
  const { admitIntervalMs, idleSeconds } = queue.settings;
  const touchEveryMs = Math.max(500, (idleSeconds * 1000) / 4);
  let lastTouch = 0;
  const tick = async () => {
    try {
      await queue.tickAll();
      if (Date.now() - lastTouch >= touchEveryMs) {
        lastTouch = Date.now();
        await queue.touchWatched(lastTouch);
      }
    } catch (err) {
      // Redis down: try again next interval; readiness reports it.
      log.warn({ err }, 'admission tick failed');
    }
  };
  // A random start spreads the processes' ticks over the interval.
  return repeatEvery(admitIntervalMs, tick, admitIntervalMs * (0.5 + Math.random() / 2));
}
