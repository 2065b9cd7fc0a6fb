import { Redis, ReplyError, type RedisOptions } from 'ioredis';
import { ServiceUnavailableError } from './errors.js';

export type { Redis };

/**
 * A Redis connection that fails fast while Redis is down (no offline queue: a request gets
 * SERVICE_UNAVAILABLE at once instead of hanging) and keeps reconnecting in the background.
 * `keyPrefix` isolates deployments and test runs that share one Redis.
 */
export async function connectRedis(url: string, options: RedisOptions = {}): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
    ...options,
  });
  // Errors surface on each command; without a listener ioredis would also print every retry.
  redis.on('error', () => {});
  await redis.connect();
  return redis;
}

/**
 * Awaits a Redis call and types its failure: a reply error (a script or command refused) stays
 * as it is; anything else means Redis was not reachable and becomes SERVICE_UNAVAILABLE.
 */
export async function onRedis<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (e) {
    if (e instanceof ReplyError) throw e;
    throw new ServiceUnavailableError('Redis', { cause: e });
  }
}
