import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { IdentityVerifier } from './auth/identity.js';
import { UserDirectory } from './auth/users.js';
import { createOrm, type Orm } from './db/orm.js';
import { connectRedis, type Redis } from './redis.js';
import { EventBus } from './schema/pubsub.js';
import { CatalogueService } from './resolvers/concert/service.js';
import { BalanceService } from './resolvers/balance/service.js';
import { BookingService } from './resolvers/booking/service.js';
import { startHoldSweeper } from './resolvers/booking/sweeper.js';
import { PaymentService } from './resolvers/payment/service.js';
import { startAdmissionLoop } from './queue/admission.js';
import { QueueService } from './queue/service.js';
import { QueueTokenSigner } from './queue/token.js';
import { RateLimiter } from './queue/rate-limit.js';

/**
 * The process-wide services. Everything that holds a connection or runs in the background is
 * created here and closed by `close()`, in reverse order.
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
  /** Registers a background task's stop function; `close()` runs them newest first. */
  onClose(stop: () => Promise<void> | void): void;
  /** Stops background loops, then closes Redis and PostgreSQL. */
  close(): Promise<void>;
}

export async function createApp(config: Config, log: Logger): Promise<App> {
  const orm = await createOrm(config.DATABASE_URL);
  const redisOptions = { keyPrefix: config.REDIS_PREFIX };
  const redis = await connectRedis(config.REDIS_URL, redisOptions);
  const bus = new EventBus(await connectRedis(config.REDIS_URL), await connectRedis(config.REDIS_URL, { enableOfflineQueue: true }), config.REDIS_PREFIX);
  const identity = new IdentityVerifier(config.AUTH_JWT_SECRET);
  const stoppers: Array<() => Promise<void> | void> = [];
  const queue = new QueueService(
    redis,
    bus,
    new QueueTokenSigner(config.QUEUE_TOKEN_SECRET, config.QUEUE_TOKEN_TTL_SECONDS),
    { maxActive: config.QUEUE_MAX_ACTIVE, activeSeconds: config.QUEUE_ACTIVE_SECONDS, admitIntervalMs: config.QUEUE_ADMIT_INTERVAL_MS, idleSeconds: config.QUEUE_IDLE_SECONDS, restoreGraceSeconds: config.QUEUE_RESTORE_GRACE_SECONDS },
    log.child({ module: 'queue' }),
  );
  const balance = new BalanceService(config.CHARGE_MAX);
  const booking = new BookingService(bus, { holdSeconds: config.SEAT_HOLD_SECONDS, maxHoldsPerUser: config.MAX_HOLDS_PER_USER }, log.child({ module: 'booking' }));

  const app: App = {
    config,
    log,
    orm,
    redis,
    bus,
    identity,
    users: new UserDirectory(identity, orm),
    catalogue: new CatalogueService(),
    queue,
    rateLimiter: new RateLimiter(redis, { perSecond: config.RATE_LIMIT_PER_SECOND, burst: config.RATE_LIMIT_BURST }),
    balance,
    booking,
    payment: new PaymentService(balance, booking, queue, log.child({ module: 'payment' })),
    onClose(stop) {
      stoppers.push(stop);
    },
    async close() {
      for (const stop of stoppers.reverse()) await stop();
      await bus.close();
      redis.disconnect();
      await orm.close(true);
    },
  };
  app.onClose(startAdmissionLoop(app.queue, log.child({ module: 'admission' })));
  app.onClose(startHoldSweeper(booking, orm, config.HOLD_SWEEP_INTERVAL_MS, log.child({ module: 'sweeper' })));
  return app;
}
