/**
 * Redis key names of the waiting room. Every key of one concert carries the hash tag
 * `{concert:ID}`, so each Lua script touches a single slot and the queue runs on Redis Cluster.
 * The deployment prefix (REDIS_PREFIX) is added by the ioredis client's `keyPrefix`.
 */
export interface ConcertQueueKeys {
  /** HASH: epoch (which Redis lifetime this line belongs to), lastSeq, lastTick, rate, version. */
  meta: string;
  /** ZSET tokenId -> seq: the line, in order. */
  waiting: string;
  /** ZSET tokenId -> activeUntil (ms): admitted holders. */
  active: string;
  /** ZSET tokenId -> last sign of life (ms) of each WAITING holder. */
  seen: string;
  /** HASH tokenId -> ticket JSON. */
  tickets: string;
  /** HASH userId -> tokenId of the user's live (WAITING or ACTIVE) ticket. */
  users: string;
  /** ZSET tokenId -> when it ended (ms); ended tickets are forgotten after a retention time. */
  ended: string;
}

export function concertQueueKeys(concertId: string): ConcertQueueKeys {
  const tag = `q:{concert:${concertId}}`;
  return {
    meta: `${tag}:meta`,
    waiting: `${tag}:waiting`,
    active: `${tag}:active`,
    seen: `${tag}:seen`,
    tickets: `${tag}:tickets`,
    users: `${tag}:users`,
    ended: `${tag}:ended`,
  };
}

/** SET of concert ids that have (or had) a line; the admission loop walks it. */
export const QUEUE_INDEX_KEY = 'q:concerts';

