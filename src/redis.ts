import { Cluster, Redis as RedisNode, ReplyError, type ClusterOptions, type RedisOptions } from 'ioredis';
import { ServiceUnavailableError } from './errors.js';

/** A connection to one Redis server, or to a Redis Cluster (the same commands, routed by slot). */
export type Redis = RedisNode | Cluster;
export { Cluster, RedisNode };

/** Where Redis is: one server (`REDIS_URL`), or the seed nodes of a cluster (`REDIS_CLUSTER_NODES`). */
export interface RedisTarget {
  REDIS_URL: string;
  REDIS_CLUSTER_NODES?: string[];
}

const FAIL_FAST: RedisOptions = {
  lazyConnect: true,
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  connectTimeout: 2000,
  retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
};

/**
 * A connection to one Redis server that fails fast while Redis is down (no offline queue: a
 * request gets SERVICE_UNAVAILABLE at once instead of hanging) and keeps reconnecting in the
 * background. `keyPrefix` isolates deployments and test runs that share one Redis.
 */
export async function connectRedis(url: string, options: RedisOptions = {}): Promise<RedisNode> {
  const redis = new RedisNode(url, { ...FAIL_FAST, ...options });
  // Errors surface on each command; without a listener ioredis would also print every retry.
  redis.on('error', () => {});
  await redis.connect();
  return redis;
}

/** A connection to one node of a cluster (the event bus subscribes on each primary itself). */
export function redisNode(host: string, port: number, options: RedisOptions = {}): RedisNode {
  const redis = new RedisNode({ ...FAIL_FAST, host, port, lazyConnect: false, ...options });
  redis.on('error', () => {});
  return redis;
}

/** `host:port` seed nodes as ioredis takes them. */
export const clusterNodes = (nodes: string[]) =>
  nodes.map((node) => {
    const at = node.lastIndexOf(':');
    return { host: node.slice(0, at), port: Number(node.slice(at + 1)) };
  });

/**
 * A Redis Cluster client that fails as fast as `connectRedis`: each node's connection has no
 * offline queue, and a call to a slot whose primary is down fails after a short retry (a
 * failover that promotes a replica within it goes unnoticed) instead of waiting for the node.
 * Calls to the other primaries' slots go on as usual. `keyPrefix` works as on one server: every
 * key of one line still hashes by its `{concert:ID}` tag, whatever the prefix.
 */
export async function connectCluster(nodes: string[], options: RedisOptions = {}): Promise<Cluster> {
  // No auto-pipelining on a cluster: ioredis handles a MOVED reply per pipeline, not per command,
  // so while the slots move (a shard stopped or back, a resharding) pipelined commands fail with
  // MOVED instead of following it (ioredis issue #2075; seen in test:scale).
  const { keyPrefix, enableOfflineQueue, enableAutoPipelining: _auto, retryStrategy: _, lazyConnect: __, ...nodeOptions } = { ...FAIL_FAST, ...options };
  const clusterOptions: ClusterOptions = {
    lazyConnect: true,
    keyPrefix,
    enableOfflineQueue: enableOfflineQueue ?? false,
    // Node connections are ioredis's own: no reconnection of a lost node (the slot map is
    // fetched again instead), so a call to a dead primary's slots fails at once.
    redisOptions: nodeOptions,
    retryDelayOnFailover: 100,
    retryDelayOnClusterDown: 100,
    retryDelayOnTryAgain: 100,
    maxRedirections: 4,
    slotsRefreshTimeout: 2000,
    slotsRefreshInterval: 5000,
    clusterRetryStrategy: (attempt) => Math.min(attempt * 100, 1000),
  };
  const cluster = new Cluster(clusterNodes(nodes), clusterOptions);
  cluster.on('error', () => {});
  cluster.on('node error', () => {});
  await cluster.connect();
  return cluster;
}

/** The configured Redis: the cluster when `REDIS_CLUSTER_NODES` is set, else `REDIS_URL`. */
export function connectTarget(target: RedisTarget, options: RedisOptions = {}): Promise<Redis> {
  return target.REDIS_CLUSTER_NODES?.length ? connectCluster(target.REDIS_CLUSTER_NODES, options) : connectRedis(target.REDIS_URL, options);
}

/**
 * Replies by which a cluster says a slot cannot be served right now (its primary failed and no
 * replica took over, a failover or resharding under way, a node still loading): like an
 * unreachable server, they mean "try again later", not a refused command.
 */
const UNAVAILABLE_REPLY = /^(CLUSTERDOWN|TRYAGAIN|MASTERDOWN|LOADING|READONLY)\b/;

/**
 * Awaits a Redis call and types its failure: a reply error (a script or command refused) stays
 * as it is; anything else means Redis (or, on a cluster, the primary of the call's slot) was not
 * reachable and becomes SERVICE_UNAVAILABLE.
 */
export async function onRedis<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (e) {
    if (e instanceof ReplyError && !UNAVAILABLE_REPLY.test((e as Error).message)) throw e;
    throw new ServiceUnavailableError('Redis', { cause: e });
  }
}
