// Turns a pub/sub topic into the AsyncIterable graphql-js subscribes to, with a bounded queue per subscriber.
import { SubscriberTooSlowError } from '../errors/subscriber-too-slow-error';
import type { PubSub } from './pubsub';
import { PushQueue } from './push-queue';
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

/**
 * Subscribes to `topic` and yields its messages. The listener is removed when
 * the consumer stops (`return()`, e.g. the socket closed), so nothing is left
 * behind.
 */
export function subscribeStream(pubsub: PubSub, topic: string, { accept, maxQueued = 256 }: StreamOptions = {}): AsyncIterableIterator<GatewayEventMessage> {
  let unsubscribe = (): void => undefined;
  const queue = new PushQueue<GatewayEventMessage>(() => unsubscribe());
  unsubscribe = pubsub.subscribe(topic, (message) => {
    if (accept !== undefined && !accept(message)) return;
    if (queue.size >= maxQueued) {
      queue.fail(new SubscriberTooSlowError(`subscriber fell more than ${maxQueued} events behind; subscribe again to resume`));
      return;
    }
    queue.push(message);
  });
  return queue;
}
