import { Repeater } from '@repeaterjs/repeater';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import type { PubSub } from 'type-graphql';
import type { Redis } from '../redis.js';

/**
 * Every event boxoffice publishes. Events travel through Redis pub/sub so that a change made by
 * one server process reaches subscribers connected to any other.
 */
export enum Topic {
  /** One per concert per admission tick or queue change; see `src/queue/events.ts`. */
  QueueChanged = 'QUEUE_CHANGED',
  /** A seat of a schedule changed status (held, sold, available again). */
  SeatChanged = 'SEAT_CHANGED',
}

/**
 * The payload of each topic. Each feature adds its own entry where it defines the payload
 * (`declare module '../events/bus.js'`), so the bus knows every type without importing features.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TopicPayloads {}

type PayloadOf<T extends Topic> = T extends keyof TopicPayloads ? TopicPayloads[T] : never;

/**
 * The event bus: graphql-redis-subscriptions underneath, topics scoped by an id (concert or
 * schedule) and by the deployment's key prefix, because Redis pub/sub channels ignore the
 * database number. It is also type-graphql's `pubSub`.
 */
export class EventBus implements PubSub {
  private readonly pubsub: RedisPubSub;
  private readonly lostListeners = new Set<() => void>();
  private closing = false;

  constructor(
    publisher: Redis,
    private readonly subscriber: Redis,
    private readonly prefix: string,
  ) {
    // RedisPubSub fires UNSUBSCRIBE without handling its promise; while Redis is down that
    // rejects, and an unhandled rejection would take the process down. A channel left subscribed
    // this way only costs ignored messages (RedisPubSub has already dropped its listener).
    for (const method of ['unsubscribe', 'punsubscribe'] as const) {
      const send = subscriber[method].bind(subscriber) as (...channels: string[]) => Promise<unknown>;
      (subscriber as unknown as Record<string, unknown>)[method] = (...channels: string[]) => send(...channels).catch(() => 0);
    }
    this.pubsub = new RedisPubSub({ publisher, subscriber });
    // While the subscriber connection is down, events published meanwhile are gone for good:
    // whoever relies on them must hear it and start over (see `onConnectionLost`). Only the drop
    // of a working connection counts: each failed reconnection attempt also emits 'close', and
    // must not end the subscriptions made meanwhile (they already failed on their own).
    let ready = subscriber.status === 'ready';
    subscriber.on('ready', () => (ready = true));
    subscriber.on('close', () => {
      if (!ready || this.closing) return;
      ready = false;
      for (const listener of this.lostListeners) listener();
    });
  }

  /**
   * Calls `listener` whenever the connection that receives events drops (Redis restarted or
   * unreachable): every stream fed by this bus may have missed events from then on. Returns the
   * function that stops calling it.
   */
  onConnectionLost(listener: () => void): () => void {
    this.lostListeners.add(listener);
    return () => this.lostListeners.delete(listener);
  }

  /** Whether events are being received now (the subscriber connection is up). */
  get connected(): boolean {
    return this.subscriber.status === 'ready';
  }

  /** The Redis channel of a topic and id (tests wait on it with PUBSUB NUMSUB). */
  channel(topic: Topic, id: string): string {
    return `${this.prefix}${topic}:${id}`;
  }

  /** Publishes after the change is committed; subscribers may receive it on any process. */
  publish<T extends Topic>(topic: T, id: string, payload: PayloadOf<T>): Promise<void> {
    return this.pubsub.publish(this.channel(topic, id), payload);
  }

  /**
   * Listens with a callback; resolves once Redis confirmed the subscription, so a caller can
   * listen first and read current state second without missing a change in between.
   * Returns the function that stops listening.
   */
  async listen<T extends Topic>(topic: T, id: string, onMessage: (payload: PayloadOf<T>) => void): Promise<() => void> {
    const subId = await this.pubsub.subscribe<PayloadOf<T>>(this.channel(topic, id), onMessage);
    return () => this.pubsub.unsubscribe(subId);
  }

  /** The topic's events as an async iterable (type-graphql's `subscribe`); stops listening on return. */
  subscribe<T extends Topic>(topic: T, id: string): Repeater<PayloadOf<T>> {
    return new Repeater<PayloadOf<T>>(async (push, stop) => {
      const unlisten = await this.listen(topic, id, (payload) => void push(payload));
      await stop;
      unlisten();
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.pubsub.close().catch(() => undefined);
  }
}
