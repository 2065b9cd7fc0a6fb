import calculateSlot from 'cluster-key-slot';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import { connectCluster, connectRedis, redisNode, type Cluster, type RedisNode, type RedisTarget } from '../redis.js';

/**
 * Redis pub/sub channels as the event bus uses them: publish a message, subscribe a channel
 * (resolving once Redis confirmed it), and hear two things: messages, and the drop of a working
 * subscriber connection (whatever was published meanwhile is lost to this process).
 */
export interface Channels {
  /** Where messages and drops go (the bus, once). */
  attach(listener: ChannelListener): void;
  /** Whether every subscribing connection is up now (events are being received). */
  readonly connected: boolean;
  publish(channel: string, message: string): Promise<unknown>;
  subscribe(channel: string): Promise<void>;
  unsubscribe(channel: string): Promise<void>;
  close(): Promise<void>;
}

export interface ChannelListener {
  message(channel: string, message: string): void;
  /** A subscriber connection that was working dropped; called once per drop, not per retry. */
  lost(): void;
}

/**
 * Calls `lost` when a connection that was ready closes. Each failed reconnection attempt also
 * emits 'close'; only the drop of a working connection counts, so the subscriptions made while
 * Redis is down (which fail on their own) are not ended by it.
 */
function watchDrops(connection: RedisNode, lost: () => void, closing: () => boolean): void {
  let ready = connection.status === 'ready';
  connection.on('ready', () => (ready = true));
  connection.on('close', () => {
    if (!ready || closing()) return;
    ready = false;
    lost();
  });
}

/** RedisPubSub's own record of the subscribes under way (graphql-redis-subscriptions 2.7). */
interface PendingSubscribes {
  subsPendingRefsMap: Map<string, { pending: Promise<unknown> }>;
}

/**
 * Classic pub/sub on one Redis server, through graphql-redis-subscriptions' RedisPubSub (the
 * design card's choice): one publishing and one subscribing connection, one Redis subscription
 * per channel however many listen. Messages pass through as the strings the bus made.
 */
export class ServerChannels implements Channels {
  private closing = false;
  private readonly pubsub: RedisPubSub;
  private readonly subIds = new Map<string, Promise<number>>();
  private listener: ChannelListener = { message() {}, lost() {} };

  constructor(
    private readonly publisher: RedisNode,
    private readonly subscriber: RedisNode,
  ) {
    // RedisPubSub fires UNSUBSCRIBE without handling its promise; while Redis is down that
    // rejects, and an unhandled rejection would take the process down. A channel left
    // subscribed this way only costs ignored messages (RedisPubSub has dropped its listener).
    for (const method of ['unsubscribe', 'punsubscribe'] as const) {
      const send = subscriber[method].bind(subscriber) as (...channels: string[]) => Promise<unknown>;
      (subscriber as unknown as Record<string, unknown>)[method] = (...channels: string[]) => send(...channels).catch(() => 0);
    }
    const asIs = (message: unknown) => message as string;
    this.pubsub = new RedisPubSub({ publisher, subscriber, serializer: asIs, deserializer: (source) => source.toString() });
  }

  get connected() {
    return this.subscriber.status === 'ready';
  }

  attach(listener: ChannelListener) {
    this.listener = listener;
    watchDrops(this.subscriber, () => listener.lost(), () => this.closing);
  }

  publish(channel: string, message: string) {
    return this.pubsub.publish(channel, message);
  }

  async subscribe(channel: string) {
    let subId = this.subIds.get(channel);
    if (!subId) {
      subId = this.pubsub.subscribe<string>(channel, (message) => this.listener.message(channel, message));
      // RedisPubSub keeps a second promise of a channel's first subscribe, for the subscribes that
      // join it while it is pending. None do here (one per channel, `subIds`), so when it fails
      // (Redis unreachable) nobody observes that one's rejection, and an unhandled rejection ends
      // a Node 24 process: every WebSocket of the process with it.
      (this.pubsub as unknown as PendingSubscribes).subsPendingRefsMap.get(channel)?.pending.catch(() => undefined);
      this.subIds.set(channel, subId);
      const tried = subId;
      // A failed subscription is tried afresh by the next caller.
      tried.catch(() => this.subIds.get(channel) === tried && this.subIds.delete(channel));
    }
    await subId;
  }

  async unsubscribe(channel: string) {
    const subId = this.subIds.get(channel);
    if (!subId) return;
    this.subIds.delete(channel);
    try {
      this.pubsub.unsubscribe(await subId);
    } catch {
      // Never subscribed: nothing to undo.
    }
  }

  async close() {
    this.closing = true;
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }
}

/**
 * Sharded pub/sub on a Redis Cluster (SPUBLISH / SSUBSCRIBE): a channel lives on the shard of
 * its hash slot, so an event is sent to that shard only, not broadcast over the cluster bus to
 * every node. Publishing goes through the cluster client; this process keeps one subscribing
 * connection per primary it listens on, opened on first use, and resubscribes after a reconnect.
 * Channel names carry the hash tag of what they are about (`{concert:ID}`), so a line's events
 * travel on the line's own shard and an outage of one shard silences only its own channels.
 */
export class ShardedChannels implements Channels {
  private closing = false;
  private readonly subscribers = new Map<string, RedisNode>();
  private listener: ChannelListener = { message() {}, lost() {} };

  constructor(
    private readonly cluster: Cluster,
    private readonly connect: (host: string, port: number) => RedisNode,
  ) {}

  get connected() {
    return [...this.subscribers.values()].every((subscriber) => subscriber.status === 'ready');
  }

  attach(listener: ChannelListener) {
    this.listener = listener;
  }

  publish(channel: string, message: string) {
    return this.cluster.spublish(channel, message);
  }

  async subscribe(channel: string) {
    await this.subscriberOf(channel).ssubscribe(channel);
  }

  async unsubscribe(channel: string) {
    try {
      await this.subscriberOf(channel).sunsubscribe(channel);
    } catch {
      // As on one server: a channel left subscribed only costs ignored messages.
    }
  }

  async close() {
    this.closing = true;
    for (const subscriber of this.subscribers.values()) subscriber.disconnect();
    this.cluster.disconnect();
  }

  /** The subscribing connection to the primary that serves the channel's slot. */
  private subscriberOf(channel: string): RedisNode {
    const nodeKey = this.cluster.slots[calculateSlot(channel)]?.[0];
    if (!nodeKey) throw new Error(`no Redis Cluster node serves the slot of ${channel}`);
    let subscriber = this.subscribers.get(nodeKey);
    if (!subscriber) {
      const at = nodeKey.lastIndexOf(':');
      subscriber = this.connect(nodeKey.slice(0, at), Number(nodeKey.slice(at + 1)));
      subscriber.on('smessage', (ch: string, message: string) => this.listener.message(ch, message));
      watchDrops(subscriber, () => this.listener.lost(), () => this.closing);
      this.subscribers.set(nodeKey, subscriber);
    }
    return subscriber;
  }
}

/**
 * The configured Redis's channels. Subscribing waits for Redis (offline queue), so a subscription
 * made while Redis restarts is made once it is back; publishing fails fast like every other
 * command. Channel names carry the deployment prefix themselves: pub/sub ignores `keyPrefix`
 * (and SPUBLISH would take it as a key and prefix it twice).
 */
export async function connectChannels(target: RedisTarget): Promise<Channels> {
  if (target.REDIS_CLUSTER_NODES?.length) {
    const cluster = await connectCluster(target.REDIS_CLUSTER_NODES);
    return new ShardedChannels(cluster, (host, port) => redisNode(host, port, { enableOfflineQueue: true }));
  }
  return new ServerChannels(await connectRedis(target.REDIS_URL), await connectRedis(target.REDIS_URL, { enableOfflineQueue: true }));
}
