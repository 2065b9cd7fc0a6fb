import type { EntityManager } from '@mikro-orm/postgresql';
import { IdentityVerifier } from './auth/identity.js';
import { UserDirectory } from './auth/users.js';
import { BookingService } from './booking/service.js';
import { startHoldSweeper } from './booking/sweeper.js';
import { CatalogueService } from './catalogue/service.js';
import type { Config } from './config.js';
import { createOrm, type Orm } from './db/orm.js';
import { EventBus } from './events/bus.js';
import { connectChannels } from './events/channels.js';
import { RateLimiter } from './limits/rate-limit.js';
import type { Logger } from './logger.js';
import { Metrics } from './metrics/metrics.js';
import { BalanceService } from './money/balance.js';
import { PaymentService } from './money/payment.js';
import { startAdmissionLoop } from './queue/admission-loop.js';
import { processClock } from './queue/clock.js';
import { QueueService, queueSettings } from './queue/service.js';
import { loadLineSettings } from './queue/settings.js';
import { QueueTokenSigner } from './queue/token.js';
import { connectTarget, type Redis } from './redis.js';

/**
 * The process-wide services. Everything that holds a connection is created here and closed by
 * `close()`; background loops start with `startBackground()` (after the migrations) and stop
 * first, newest first.
 */
export interface App {
  config: Config;
  log: Logger;
  orm: Orm;
  redis: Redis;
  bus: EventBus;
  identity: IdentityVerifier;
  users: UserDirectory;
  catalogue: CatalogueService;
  queue: QueueService;
  rateLimiter: RateLimiter;
  balance: BalanceService;
  booking: BookingService;
  payment: PaymentService;
  /** What `GET /metrics` reports (a registry of this app's own). */
  metrics: Metrics;
  /** Starts the admission loop and the hold sweeper; they need the migrated schema. */
  startBackground(): void;
  /** Stops background loops, then closes Redis and PostgreSQL. */
  close(): Promise<void>;
}

export async function createApp(config: Config, log: Logger): Promise<App> {
  const orm = await createOrm(config);
  // Auto-pipelining (one Redis server only, see connectCluster): the calls made in one callback go
  // out in one write. Every request makes one or two Redis calls (its budget, the gate), and a
  // write per call was a tenth of the CPU of a request in the profile.
  const redis = await connectTarget(config, { keyPrefix: config.REDIS_PREFIX, enableAutoPipelining: true });
  const bus = new EventBus(config.REDIS_PREFIX, await connectChannels(config));
  const identity = new IdentityVerifier(config, log.child({ module: 'identity' }));
  // Reads the lines when scraped, through `queue` (made below).
  const metrics: Metrics = new Metrics(() => queue.lineSizes());
  const booking: BookingService = new BookingService(bus, { holdSeconds: config.SEAT_HOLD_SECONDS, maxHoldsPerUser: config.MAX_HOLDS_PER_USER }, log.child({ module: 'booking' }), metrics);
  const fork = () => orm.em.fork() as EntityManager;
  const queue: QueueService = new QueueService(
    redis,
    bus,
    new QueueTokenSigner(config.QUEUE_TOKEN_SECRET, config.QUEUE_TOKEN_TTL_SECONDS, processClock(config.CLOCK_OFFSET_MS)),
    queueSettings(config),
    log.child({ module: 'queue' }),
    { settingsOf: (concertId) => loadLineSettings(fork(), concertId), seatCounts: (concertIds) => booking.seatCounts(fork(), concertIds) },
    { ticked: (concertId, counts) => metrics.ticked(concertId, counts), completed: (concertId) => metrics.completedTicket(concertId) },
  );
  const balance = new BalanceService(config.CHARGE_MAX);
  const stoppers: Array<() => Promise<void>> = [];

  return {
    config,
    log,
    orm,
    redis,
    bus,
    identity,
    users: new UserDirectory(identity, orm),
    catalogue: new CatalogueService(),
    queue,
    rateLimiter: new RateLimiter(redis, {
      user: { perSecond: config.RATE_LIMIT_PER_SECOND, burst: config.RATE_LIMIT_BURST },
      address: { perSecond: config.RATE_LIMIT_PER_IP_PER_SECOND, burst: config.RATE_LIMIT_PER_IP_BURST },
    }),
    balance,
    booking,
    payment: new PaymentService(balance, booking, queue, log.child({ module: 'payment' }), (amount) => metrics.payment(amount)),
    metrics,
    startBackground() {
      if (stoppers.length) return;
      stoppers.push(startAdmissionLoop(queue, log.child({ module: 'admission' })));
      stoppers.push(startHoldSweeper(booking, orm, config.HOLD_SWEEP_INTERVAL_MS, log.child({ module: 'sweeper' })));
    },
    async close() {
      for (const stop of stoppers.reverse()) await stop();
      booking.close();
      await bus.close();
      redis.disconnect();
      await orm.close(true);
    },
  };
}
