import type { EntityManager } from '@mikro-orm/postgresql';
import type { Orm } from '../db/orm.js';
import type { Logger } from '../logger.js';
import { repeatEvery } from '../repeat.js';
import type { BookingService } from './service.js';

const BATCH = 500;

/**
 * Releases holds whose time ran out, every HOLD_SWEEP_INTERVAL_MS, in every server process
 * (the sweep skips rows another process has locked). Readers never depend on it: an expired
 * hold already reads as AVAILABLE / EXPIRED; the sweep makes the rows say so and pushes the
 * change to live seat maps. A full batch sweeps again at once.
 */
export function startHoldSweeper(booking: BookingService, orm: Orm, intervalMs: number, log: Logger): () => Promise<void> {
  let stopping = false;
  const sweep = async () => {
    try {
      while (!stopping && (await booking.sweepExpiredHolds(orm.em.fork() as EntityManager, BATCH)) === BATCH);
    } catch (err) {
      // PostgreSQL down: try again next interval; readiness reports it.
      log.warn({ err }, 'hold sweep failed');
    }
  };
  const stop = repeatEvery(intervalMs, sweep, intervalMs * Math.random());
  return () => {
    stopping = true;
    return stop();
  };
}
