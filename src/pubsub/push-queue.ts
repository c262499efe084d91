// The async iterator behind every subscription: messages pushed in, taken out by graphql-js one at a time, ended from either side.

/**
 * A queue that is also an AsyncIterableIterator. The producer pushes, fails
 * or ends it; the consumer takes with `next()` and stops with `return()`.
 * `onEnd` runs once, whichever side ended it (it removes the listener).
 * `refill`, when given, runs before `next()` finds the queue empty, so a
 * producer can fill it on demand (the replay of a resumed subscription).
 */
export class PushQueue<T> implements AsyncIterableIterator<T> {
  private readonly items: T[] = [];
  private waiting: { resolve: (result: IteratorResult<T>) => void; reject: (error: Error) => void } | undefined;
  private failure: Error | undefined;
  private ended = false;

  constructor(private readonly onEnd: () => void, private readonly refill?: () => Promise<void>) {}

  /** Messages waiting for the consumer. */
  get size(): number {
    return this.items.length;
  }

  /** True once ended by either side. */
  get isEnded(): boolean {
    return this.ended;
  }

  /** Hands `item` to a waiting consumer, or queues it. */
  push(item: T): void {
    if (this.ended) return;
    if (this.waiting !== undefined) {
      const { resolve } = this.waiting;
      this.waiting = undefined;
      resolve({ value: item, done: false });
      return;
    }
    this.items.push(item);
  }

  /** Ends the iteration with `error` once the queued items are taken. */
  fail(error: Error): void {
    if (this.ended) return;
    this.failure = error;
    this.end();
  }

  /** Ends the iteration once the queued items are taken. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.onEnd();
    const waiting = this.waiting;
    if (waiting === undefined) return;
    this.waiting = undefined;
    const error = this.failure;
    this.failure = undefined;
    if (error === undefined) waiting.resolve({ value: undefined, done: true });
    else waiting.reject(error);
  }

  async next(): Promise<IteratorResult<T>> {
    if (this.items.length === 0 && !this.ended && this.refill !== undefined) await this.refill();
    const item = this.items.shift();
    if (item !== undefined) return { value: item, done: false };
    if (this.failure !== undefined) {
      const error = this.failure;
      this.failure = undefined;
      throw error;
    }
    if (this.ended) return { value: undefined, done: true };
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  async return(): Promise<IteratorResult<T>> {
    this.items.length = 0;
    this.end();
    return { value: undefined, done: true };
  }

  async throw(error?: unknown): Promise<IteratorResult<T>> {
    this.items.length = 0;
    this.end();
    throw error instanceof Error ? error : new Error(String(error));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
