/**
 * A push-to-pull bridge: producers `push` values, GraphQL subscriptions pull them as an async
 * iterator. `return()` (the client unsubscribed or disconnected) runs the cleanup once.
 */
export class PushStream<T> implements AsyncIterableIterator<T> {
  private readonly buffered: T[] = [];
  private readonly pulls: Array<(r: IteratorResult<T>) => void> = [];
  private done = false;
  private failure: unknown;
  private failed = false;

  constructor(private cleanup: () => void = () => {}) {}

  onCleanup(fn: () => void): void {
    const previous = this.cleanup;
    this.cleanup = () => {
      previous();
      fn();
    };
    if (this.done) fn();
  }

  push(value: T): void {
    if (this.done) return;
    const pull = this.pulls.shift();
    if (pull) pull({ value, done: false });
    else this.buffered.push(value);
  }

  /** Ends the stream after what was already pushed. */
  end(): void {
    if (this.done) return;
    this.done = true;
    this.cleanup();
    for (const pull of this.pulls.splice(0)) pull({ value: undefined, done: true });
  }

  /** Ends the stream with an error, delivered to the next pull. */
  fail(error: unknown): void {
    this.failure = error;
    this.failed = true;
    this.end();
  }

  next(): Promise<IteratorResult<T>> {
    if (this.buffered.length) return Promise.resolve({ value: this.buffered.shift()!, done: false });
    if (this.failed) {
      this.failed = false;
      return Promise.reject(this.failure);
    }
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.pulls.push(resolve));
  }

  return(): Promise<IteratorResult<T>> {
    this.buffered.length = 0;
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
