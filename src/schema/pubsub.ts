import { RedisPubSub } from 'graphql-redis-subscriptions';
import type { PubSub } from 'type-graphql';
import type { Redis } from '../redis.js';

/**
 * Every event boxoffice publishes. Events travel through Redis pub/sub so that a change made
 * by one server process reaches subscribers connected to any other.
 */
export enum Topic {
  /** One per concert per admission tick or queue change; see `src/queue/events.ts`. */
  QueueChanged = 'QUEUE_CHANGED',
  /** A seat of a schedule changed status (held, sold, available again). */
  SeatChanged = 'SEAT_CHANGED',
}

/**
 * The event bus: typed topics scoped by an id (concert or schedule) and by the deployment's
 * key prefix, because Redis pub/sub channels ignore the database number.
 */
export class EventBus implements PubSub {
  private readonly pubsub: RedisPubSub;

  constructor(
    publisher: Redis,
    subscriber: Redis,
    private readonly prefix: string,
  ) {
    this.pubsub = new RedisPubSub({ publisher, subscriber });
  }

  private channel(topic: string, id?: unknown): string {
    return id === undefined ? `${this.prefix}${topic}` : `${this.prefix}${topic}:${String(id)}`;
  }

  /** Publishes after the change is committed; subscribers may receive it on any process. */
  publish(topic: string, ...args: unknown[]): Promise<void> {
    const [id, payload] = args.length > 1 ? args : [undefined, args[0]];
    return this.pubsub.publish(this.channel(topic, id), payload);
  }

  subscribe<T = unknown>(topic: string, id?: unknown): AsyncIterableIterator<T> {
    return this.pubsub.asyncIterableIterator<T>(this.channel(topic, id)) as AsyncIterableIterator<T>;
  }

  /**
   * Listens with a callback; resolves once Redis confirmed the subscription, so a caller can
   * subscribe first and read current state second without missing a change in between.
   * Returns the function that stops listening.
   */
  async listen<T = unknown>(topic: string, id: unknown, onMessage: (payload: T) => void): Promise<() => void> {
    const subId = await this.pubsub.subscribe<T>(this.channel(topic, id), onMessage);
    return () => this.pubsub.unsubscribe(subId);
  }

  async close(): Promise<void> {
    await this.pubsub.close().catch(() => undefined);
  }
}
