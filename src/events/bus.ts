import { Repeater } from '@repeaterjs/repeater';
import type { PubSub } from 'type-graphql';
import type { Channels } from './channels.js';

/**
 * Every event boxoffice publishes. Events travel through Redis pub/sub so that a change made by
 * one server process reaches subscribers connected to any other.
 */
export enum Topic {
  /** One per concert per admission tick or queue change; see `src/queue/events.ts`. */
  QueueChanged = 'QUEUE_CHANGED',
  /** A seat of a schedule changed status (held, sold, available again). */
  SeatChanged = 'SEAT_CHANGED',
  /** A concert's waiting room as its operator sees it, after a tick that changed it; see `src/queue/room.ts`. */
  WaitingRoomChanged = 'WAITING_ROOM_CHANGED',
}

/**
 * What a topic's id names, as the hash tag of its channel: on a Redis Cluster a line's events
 * travel on the shard that holds the line (`{concert:ID}`, the tag of its keys), a schedule's
 * seat changes on the shard of their own tag.
 */
const CHANNEL_TAG: Record<Topic, string> = {
  [Topic.QueueChanged]: 'concert',
  [Topic.SeatChanged]: 'schedule',
  [Topic.WaitingRoomChanged]: 'concert',
};

/**
 * The payload of each topic. Each feature adds its own entry where it defines the payload
 * (`declare module '../events/bus.js'`), so the bus knows every type without importing features.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TopicPayloads {}

type PayloadOf<T extends Topic> = T extends keyof TopicPayloads ? TopicPayloads[T] : never;

/**
 * The event bus: Redis pub/sub channels (classic on one server, sharded on a cluster, see
 * `channels.ts`), topics scoped by an id (concert or schedule) and by the deployment's key
 * prefix, because Redis pub/sub channels ignore the database number. Payloads cross Redis as
 * JSON. Each channel is subscribed once per process, however many listen to it here. It is also
 * type-graphql's `pubSub`.
 */
export class EventBus implements PubSub {
  private readonly lostListeners = new Set<() => void>();
  private readonly listeners = new Map<string, Set<(payload: never) => void>>();
  /** Each channel's subscription in Redis, made by its first listener (awaited by the others). */
  private readonly subscribed = new Map<string, Promise<void>>();

  constructor(
    private readonly prefix: string,
    private readonly channels: Channels,
  ) {
    channels.attach({
      message: (channel, message) => this.deliver(channel, message),
      // While a subscriber connection is down, events published meanwhile are gone for good:
      // whoever relies on them must hear it and start over (see `onConnectionLost`).
      lost: () => {
        for (const listener of this.lostListeners) listener();
      },
    });
  }

  /**
   * Calls `listener` whenever a connection that receives events drops (Redis, or one cluster
   * shard, restarted or unreachable): every stream fed by this bus may have missed events from
   * then on. Returns the function that stops calling it.
   */
  onConnectionLost(listener: () => void): () => void {
    this.lostListeners.add(listener);
    return () => this.lostListeners.delete(listener);
  }

  /** The Redis channel of a topic and id (tests wait on it with PUBSUB NUMSUB). */
  channel(topic: Topic, id: string): string {
    return `${this.prefix}${topic}:{${CHANNEL_TAG[topic]}:${id}}`;
  }

  /** Publishes after the change is committed; subscribers may receive it on any process. */
  async publish<T extends Topic>(topic: T, id: string, payload: PayloadOf<T>): Promise<void> {
    await this.channels.publish(this.channel(topic, id), JSON.stringify(payload));
  }

  /**
   * Listens with a callback; resolves once Redis confirmed the subscription, so a caller can
   * listen first and read current state second without missing a change in between.
   * Returns the function that stops listening.
   */
  async listen<T extends Topic>(topic: T, id: string, onMessage: (payload: PayloadOf<T>) => void): Promise<() => void> {
    const channel = this.channel(topic, id);
    let listeners = this.listeners.get(channel);
    if (!listeners) this.listeners.set(channel, (listeners = new Set()));
    const listener = onMessage as (payload: never) => void;
    listeners.add(listener);
    let subscribed = this.subscribed.get(channel);
    if (!subscribed) {
      subscribed = this.channels.subscribe(channel);
      this.subscribed.set(channel, subscribed);
      // A failed subscription is tried afresh by the next listener.
      subscribed.catch(() => this.subscribed.get(channel) === subscribed && this.subscribed.delete(channel));
    }
    const unlisten = () => {
      if (!listeners.delete(listener) || listeners.size) return;
      this.listeners.delete(channel);
      this.subscribed.delete(channel);
      void this.channels.unsubscribe(channel);
    };
    try {
      await subscribed;
    } catch (e) {
      unlisten();
      throw e;
    }
    return unlisten;
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
    await this.channels.close().catch(() => undefined);
  }

  private deliver(channel: string, message: string): void {
    const listeners = this.listeners.get(channel);
    if (!listeners?.size) return;
    let payload: never;
    try {
      payload = JSON.parse(message) as never;
    } catch {
      return;
    }
    for (const listener of listeners) listener(payload);
  }
}
