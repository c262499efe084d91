// Where an acknowledged event waits to be processed: in memory for one instance; a Redis Stream when several share the work.
import type { UpstreamEvent } from './parse-event';

/** The durable-intake seam: `enqueue` resolves only once the event is safe, before the 202. */
export interface EventQueue {
  /** Records the event; rejects when it cannot (the receiver then answers 503). */
  enqueue(event: UpstreamEvent): Promise<void>;
  /** Starts handing queued events to `handler`, one call per event. */
  start(handler: (event: UpstreamEvent) => Promise<void>): void;
  /** Stops taking new events and waits for the ones being handled. */
  stop(): Promise<void>;
}

/** One instance, no durability beyond the process: the event is handled right after the answer. */
export function createMemoryEventQueue(): EventQueue {
  let handle: ((event: UpstreamEvent) => Promise<void>) | undefined;
  const running = new Set<Promise<void>>();
  return {
    async enqueue(event) {
      if (handle === undefined) throw new Error('the event queue is not started');
      const work = handle;
      // After the answer: upstream waits at most 3 s for it.
      setImmediate(() => {
        const done = work(event).finally(() => running.delete(done));
        running.add(done);
      });
    },
    start(handler) {
      handle = handler;
    },
    async stop() {
      handle = undefined;
      await Promise.allSettled([...running]);
    },
  };
}
