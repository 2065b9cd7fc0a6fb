import { IdentityVerifier } from './auth/identity.js';
import { UserDirectory } from './auth/users.js';
import { BookingService } from './booking/service.js';
import { startHoldSweeper } from './booking/sweeper.js';
import { CatalogueService } from './catalogue/service.js';
import type { Config } from './config.js';
import { createOrm, type Orm } from './db/orm.js';
import { EventBus } from './events/bus.js';
import { RateLimiter } from './limits/rate-limit.js';
import type { Logger } from './logger.js';
import { BalanceService } from './money/balance.js';
import { PaymentService } from './money/payment.js';
import { startAdmissionLoop } from './queue/admission-loop.js';
import { processClock } from './queue/clock.js';
import { QueueService, queueSettings } from './queue/service.js';
import { QueueTokenSigner } from './queue/token.js';
import { connectRedis, type Redis } from './redis.js';

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
  /** Starts the admission loop and the hold sweeper; they need the migrated schema. */
  startBackground(): void;
  /** Stops background loops, then closes Redis and PostgreSQL. */
  close(): Promise<void>;
}

export async function createApp(config: Config, log: Logger): Promise<App> {
  const orm = await createOrm(config.DATABASE_URL);
  const redis = await connectRedis(config.REDIS_URL, { keyPrefix: config.REDIS_PREFIX });
  // Subscribing waits for Redis (offline queue), so a subscription made while Redis restarts
  // is made once it is back; publishing fails fast like every other command.
  const bus = new EventBus(await connectRedis(config.REDIS_URL), await connectRedis(config.REDIS_URL, { enableOfflineQueue: true }), config.REDIS_PREFIX);
  const identity = new IdentityVerifier(config, log.child({ module: 'identity' }));
  const queue = new QueueService(
    redis,
    bus,
    new QueueTokenSigner(config.QUEUE_TOKEN_SECRET, config.QUEUE_TOKEN_TTL_SECONDS, processClock(config.CLOCK_OFFSET_MS)),
    queueSettings(config),
    log.child({ module: 'queue' }),
  );
  const balance = new BalanceService(config.CHARGE_MAX);
  const booking = new BookingService(bus, { holdSeconds: config.SEAT_HOLD_SECONDS, maxHoldsPerUser: config.MAX_HOLDS_PER_USER }, log.child({ module: 'booking' }));
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
    payment: new PaymentService(balance, booking, queue, log.child({ module: 'payment' })),
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
