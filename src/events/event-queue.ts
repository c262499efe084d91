// Where an acknowledged event waits to be processed: in memory for one instance; a Redis Stream when several share the work.
import type { Logger } from '../logger';
import type { UpstreamEvent } from './parse-event';
import { createStopController } from './stop-controller';

/**
 * Processes one event. `signal` aborts when the queue stops, so that a handler
 * waiting to retry gives up instead of holding the shutdown. A rejection means
 * the event failed for good (its retries included) unless `signal` is aborted.
 */
export type EventHandler = (event: UpstreamEvent, signal: AbortSignal) => Promise<void>;

/** The durable-intake seam: `enqueue` resolves only once the event is safe, before the 202. */
export interface EventQueue {
  /** Records the event; rejects when it cannot (the receiver then answers 503). */
  enqueue(event: UpstreamEvent): Promise<void>;
  /**
   * Starts handing queued events to `handler`, one call per event. A handler
   * that rejects costs that one event, never the queue or the process: the
   * failure is logged with the event id and later events go on.
   */
  start(handler: EventHandler): void;
  /** Stops taking new events, aborts the handlers' retry waits and waits for the ones being handled. */
  stop(): Promise<void>;
}

/**
 * One instance, no durability beyond the process: the event is handled right
 * after the answer. An event whose handler rejects is logged and dropped: the
 * memory queue has nowhere to keep it.
 */
export function createMemoryEventQueue(logger: Logger): EventQueue {
  let handle: EventHandler | undefined;
  let stopping = createStopController();
  const running = new Set<Promise<void>>();

  const handleOne = async (work: EventHandler, event: UpstreamEvent, signal: AbortSignal): Promise<void> => {
    // After the answer: upstream waits at most 3 s for it.
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      // Stopped in between: every subscriber is gone already, so there is nobody to push to.
      if (signal.aborted) throw new Error('the gateway stopped before the event was processed');
      await work(event, signal);
    } catch (error) {
      // Caught here, not rethrown: an unhandled rejection would end the whole process for one event.
      const message = signal.aborted
        ? 'webhook event dropped: the gateway stopped before its processing finished'
        : 'webhook event failed after its retries; dropped from processing';
      logger.error({ err: error, eventId: event.id, eventType: event.type }, message);
    }
  };

  return {
    async enqueue(event) {
      if (handle === undefined) throw new Error('the event queue is not started');
      // Tracked from the moment it is accepted, so stop() also waits for events not yet begun.
      const done: Promise<void> = handleOne(handle, event, stopping.signal).finally(() => running.delete(done));
      running.add(done);
    },
    start(handler) {
      handle = handler;
      stopping = createStopController();
    },
    async stop() {
      handle = undefined;
      stopping.abort();
      await Promise.allSettled([...running]);
    },
  };
}
