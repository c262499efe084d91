// Resumes a subscription after an event id: the replay log's later messages first, then live ones, with no gap and none twice.
import { EventCursorExpiredError } from '../errors/graphql-errors';
import { SubscriberTooSlowError } from '../errors/subscriber-too-slow-error';
import type { PubSub } from './pubsub';
import { PushQueue } from './push-queue';
import { type ReplayLog, comparePositions } from './replay-log';
import type { StreamOptions } from './subscription-stream';
import type { GatewayEventMessage } from './topics';

/** Settings of {@link subscribeResumable}: those of a live stream plus the cursor. */
export interface ResumeOptions extends StreamOptions {
  log: ReplayLog;
  /** The event id of the last message the client saw. */
  afterEventId: string;
  /** Whether the caller may see the cursor's own event; when not, it reads as expired (it reveals nothing). */
  canSeeCursor: (message: GatewayEventMessage) => boolean;
  /** Log entries read per round trip. Defaults to 200. */
  pageSize?: number;
}

/**
 * Subscribes to `topic` at once (synchronously, so nothing published from
 * now on is missed), then checks the cursor: not held, or not the caller's,
 * rejects with {@link EventCursorExpiredError} before anything is delivered,
 * and the listener is gone. Otherwise the iterator yields every later message
 * of the log on `topic` that `accept` takes, in log order, read a page at a
 * time as the consumer takes them, then the live ones.
 *
 * No gap: live messages that arrive during the replay are held, and every
 * message is in the log before it is published, so the replay ends only with
 * a read that started after everything the listener missed. None twice: the
 * held and later live messages at or before the last replayed position are
 * dropped. While replaying, held messages past `maxQueued` are dropped and
 * the log read once more instead (they are in it). Live, the queue takes
 * `maxQueued` beyond a last replay page before the subscriber counts as too slow.
 */
export function subscribeResumable(pubsub: PubSub, topic: string, options: ResumeOptions): Promise<AsyncIterableIterator<GatewayEventMessage>> {
  const { log, afterEventId, canSeeCursor, accept, maxQueued = 256, pageSize = 200 } = options;
  const wanted = (message: GatewayEventMessage): boolean => accept === undefined || accept(message);
  let replaying = true;
  let lastRead = '';
  let missedLive = false;
  const held: GatewayEventMessage[] = [];

  const replayPage = async (): Promise<void> => {
    while (replaying && queue.size === 0 && !queue.isEnded) {
      missedLive = false;
      const page = await log.readAfter(lastRead, pageSize);
      for (const { topics, message } of page) {
        lastRead = message.position;
        if (topics.includes(topic) && wanted(message)) queue.push(message);
      }
      // A short page that started after every dropped live message: caught up.
      if (page.length < pageSize && !missedLive) {
        replaying = false;
        for (const message of held.splice(0)) if (comparePositions(message.position, lastRead) > 0) queue.push(message);
      }
    }
  };

  let unsubscribe = (): void => undefined;
  const queue = new PushQueue<GatewayEventMessage>(() => unsubscribe(), replayPage);
  unsubscribe = pubsub.subscribe(topic, (message) => {
    if (!wanted(message)) return;
    if (replaying) {
      if (held.length >= maxQueued) {
        held.length = 0;
        missedLive = true;
      }
      held.push(message);
      return;
    }
    // Published before the last replay read, delivered after it: replayed already.
    if (comparePositions(message.position, lastRead) <= 0) return;
    if (queue.size >= maxQueued + pageSize) {
      queue.fail(new SubscriberTooSlowError(`subscriber fell more than ${maxQueued} events behind; subscribe again to resume`));
      return;
    }
    queue.push(message);
  });

  return (async () => {
    try {
      const cursor = await log.find(afterEventId);
      if (cursor === undefined || !canSeeCursor(cursor.message)) throw new EventCursorExpiredError();
      lastRead = cursor.message.position;
      return queue;
    } catch (error) {
      queue.end();
      throw error;
    }
  })();
}
