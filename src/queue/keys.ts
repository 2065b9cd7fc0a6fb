/**
 * Redis key names of the waiting room. Every key of one concert carries the hash tag
 * `{concert:ID}`, so each Lua script touches a single slot and the queue runs on Redis Cluster.
 * The deployment prefix (REDIS_PREFIX) is added by the ioredis client's `keyPrefix`.
 *
 * A WAITING ticket costs one member in `waiting` and one in `seen`, both named by the user's id
 * packed into 16 bytes; everything else about it (token id, issue time) follows from its sequence
 * number (see lua/lib.lua). The other keys only hold ACTIVE tickets (at most the cap), ended ones
 * (for an hour) and tickets restored after Redis lost the line.
 */
export interface ConcertQueueKeys {
  /** HASH: epoch, opensAt, lastSeq, lastTick, rate, version, changedAt, and the index generation. */
  meta: string;
  /** ZSET packed user id -> seq: the line, in order. */
  waiting: string;
  /** ZSET packed user id and seq -> last sign of life (ms) of each WAITING holder. */
  seen: string;
  /** ZSET tokenId -> activeUntil (ms): admitted holders. */
  active: string;
  /** HASH tokenId -> "seq:packed user id" of each ACTIVE ticket. */
  activeTickets: string;
  /** HASH packed user id -> tokenId of the user's ACTIVE ticket. */
  activeUsers: string;
  /** HASH tokenId -> endedAt (ms) * 8 + final status code; forgotten after a retention time. */
  ended: string;
  /** LIST of "endedAt tokenId,tokenId,...", oldest first: what to forget, in order. */
  endedLog: string;
  /** HASH seq -> the claims of a ticket restored from its token (its epoch, and its id and issue time when not derived from the seq). */
  restored: string;
}

/** Every key of a concert's line, in the order every queue script takes them (KEYS[1..9]). */
export function concertQueueKeys(concertId: string): ConcertQueueKeys {
  // `v2`: the compact layout. A line still in the JSON layout of before looks lost to it, so its
  // holders come back from their tokens (the restore rules) instead of being misread.
  const tag = `q:{concert:${concertId}}:v2`;
  return {
    meta: `${tag}:meta`,
    waiting: `${tag}:waiting`,
    seen: `${tag}:seen`,
    active: `${tag}:active`,
    activeTickets: `${tag}:active:tickets`,
    activeUsers: `${tag}:active:users`,
    ended: `${tag}:ended`,
    endedLog: `${tag}:ended:log`,
    restored: `${tag}:restored`,
  };
}

/** The keys as the scripts' KEYS array. */
export const lineKeys = (concertId: string): string[] => Object.values(concertQueueKeys(concertId));

/**
 * ZSET concert id -> generation: the lines the admission loop walks (on a cluster, split into
 * partitions named after it, see line-index.ts). A line leaves it once it is
 * empty and idle, and comes back (with a higher generation) when someone joins or is restored.
 */
export const QUEUE_INDEX_KEY = 'q:lines';
