// Turns a pub/sub topic into the AsyncIterable graphql-js subscribes to, with a bounded queue per subscriber.
import type { PubSub } from './pubsub';
import type { GatewayEventMessage } from './topics';

/** Settings of {@link subscribeStream}. */
export interface StreamOptions {
  /** Drops the message when false (server-side filtering: scope, extra arguments). */
  accept?: (message: GatewayEventMessage) => boolean;
  /**
   * Messages kept for a subscriber that has not taken them yet. Past it the
   * subscription ends with an error instead of growing without bound, so a
   * stalled subscriber costs bounded memory and never delays the others.
   * Defaults to 256.
   */
  maxQueued?: number;
}

/** Thrown into a subscription whose consumer fell {@link StreamOptions.maxQueued} messages behind. */
export class SubscriberTooSlowError extends Error {
  override readonly name = 'SubscriberTooSlowError';
}

/**
 * Subscribes to `topic` and yields its messages. The listener is removed when
 * the consumer stops (`return()`, e.g. the socket closed), so nothing is left
 * behind.
 */
export function subscribeStream(pubsub: PubSub, topic: string, { accept, maxQueued = 256 }: StreamOptions = {}): AsyncIterableIterator<GatewayEventMessage> {
  const queue: GatewayEventMessage[] = [];
  let waiting: ((result: IteratorResult<GatewayEventMessage>) => void) | undefined;
  let failure: Error | undefined;
  let done = false;

  const unsubscribe = pubsub.subscribe(topic, (message) => {
    if (done || (accept !== undefined && !accept(message))) return;
    if (waiting !== undefined) {
      const resolve = waiting;
      waiting = undefined;
      resolve({ value: message, done: false });
      return;
    }
    if (queue.length >= maxQueued) {
      failure = new SubscriberTooSlowError(`subscriber fell more than ${maxQueued} events behind; subscribe again to resume`);
      finish();
      return;
    }
    queue.push(message);
  });

  function finish(): void {
    if (done) return;
    done = true;
    unsubscribe();
    if (waiting !== undefined) {
      const resolve = waiting;
      waiting = undefined;
      resolve({ value: undefined, done: true });
    }
  }

  return {
    next() {
      const queued = queue.shift();
      if (queued !== undefined) return Promise.resolve({ value: queued, done: false });
      if (failure !== undefined) {
        const error = failure;
        failure = undefined;
        return Promise.reject(error);
      }
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => {
        waiting = resolve;
      });
    },
    return() {
      queue.length = 0;
      finish();
      return Promise.resolve({ value: undefined, done: true });
    },
    throw(error?: unknown) {
      queue.length = 0;
      finish();
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
