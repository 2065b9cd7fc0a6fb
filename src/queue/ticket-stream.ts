/**
 * The states one subscriber is handed, as an async iterator: pushed by the line's watch, pulled by
 * the transport. Made for the purpose rather than a general Repeater: ten thousand open
 * subscriptions each kept a Repeater (its executor's suspended async function, its stop promise,
 * its push and stop closures, its buffers), and every push went through a chain of promises.
 * This holds one slot for a waiting pull and an array only while states arrive faster than they
 * are taken.
 */
export class TicketStream<T> implements AsyncIterableIterator<T> {
  private queued: T[] | undefined;
  private waiting: { resolve(r: IteratorResult<T>): void; reject(e: unknown): void } | undefined;
  private ended = false;
  private error: unknown;

  /** `onEnd` runs once, when the stream ends for whatever reason (an end, an error, the consumer's return). */
  constructor(private onEnd: (() => void) | undefined) {}

  /** Hands `value` to the consumer (ignored once the stream has ended). */
  push(value: T): void {
    if (this.ended) return;
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w.resolve({ value, done: false });
    } else (this.queued ??= []).push(value);
  }

  /** No more values: the consumer gets what is queued, then the end (or `error`, thrown). */
  end(error?: unknown): void {
    if (this.ended) return;
    this.ended = true;
    this.error = error;
    this.release();
    if (this.waiting && !this.queued) this.settle();
  }

  next(): Promise<IteratorResult<T>> {
    if (this.queued) {
      const value = this.queued.shift()!;
      if (!this.queued.length) this.queued = undefined;
      return Promise.resolve({ value, done: false });
    }
    if (this.ended) return this.finish();
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  return(): Promise<IteratorResult<T>> {
    this.queued = undefined;
    this.end();
    if (this.waiting) this.settle();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private settle(): void {
    const w = this.waiting!;
    this.waiting = undefined;
    this.finish().then(w.resolve, w.reject);
  }

  /** The end as the consumer sees it: the error once, then done. */
  private finish(): Promise<IteratorResult<T>> {
    const error = this.error;
    this.error = undefined;
    return error === undefined ? Promise.resolve({ value: undefined, done: true }) : Promise.reject(error);
  }

  private release(): void {
    const onEnd = this.onEnd;
    this.onEnd = undefined;
    onEnd?.();
  }
}
