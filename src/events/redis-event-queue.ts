// Durable intake in a Redis Stream: XADD before the 202; every instance consumes through one consumer group and acknowledges after processing.
import type { Logger } from '../logger';
import type { RedisConnections } from '../redis/redis-connection';
import type { EventHandler, EventQueue } from './event-queue';
import type { UpstreamEvent } from './parse-event';
import { createStopController } from './stop-controller';

/** Settings of {@link createRedisEventQueue}. */
export interface RedisEventQueueOptions {
  /** This instance's consumer name (unique per process). */
  consumer: string;
  /** Approximate stream length kept (XADD MAXLEN ~). Defaults to 100_000 events. */
  maxLength?: number;
  /** An event another consumer took but did not acknowledge within this is taken over. Defaults to 15_000 ms. */
  claimIdleMs?: number;
  /** Events handled at once by this instance. Defaults to 100. */
  maxInFlight?: number;
}

const GROUP = 'gateway';

type StreamEntry = [id: string, fields: string[]];

/**
 * Creates the queue. An instance killed after its 202 loses nothing: the event
 * is in the stream, and unacknowledged entries of a dead consumer are claimed
 * by a live one after `claimIdleMs`; so are the entries an instance was still
 * handling when it stopped. An event whose handler fails for good (its retries
 * spent) is logged and acknowledged, so no instance takes it up again, yet it
 * stays in the stream (XACK only ends its processing) for replay. Events are
 * handled side by side, so one that retries holds up no other.
 */
export function createRedisEventQueue(redis: RedisConnections, logger: Logger, options: RedisEventQueueOptions): EventQueue {
  const stream = `${redis.prefix}event-log`;
  const { consumer, maxLength = 100_000, claimIdleMs = 15_000, maxInFlight = 100 } = options;
  let running = false;
  let stopping = createStopController();
  let loop: Promise<void> | undefined;
  let claiming: Promise<void> | undefined;
  let claimTimer: NodeJS.Timeout | undefined;
  // Entries this consumer is handling, by stream id. They are kept from going
  // idle, so that no sweep (here or on another instance) hands them out twice.
  const inFlight = new Map<string, Promise<void>>();
  // Sweeps run twice per idle bound, so an entry in flight is touched before it could count as abandoned.
  const sweepMs = Math.max(1, Math.min(Math.floor(claimIdleMs / 2), 5_000));

  const ensureGroup = async (): Promise<void> => {
    try {
      await redis.blocking.xgroup('CREATE', stream, GROUP, '0', 'MKSTREAM');
    } catch (error) {
      if (!(error instanceof Error) || !error.message.includes('BUSYGROUP')) throw error;
    }
  };

  const handleOnce = async ([id, fields]: StreamEntry, handler: EventHandler): Promise<void> => {
    const { signal } = stopping;
    let eventId: string | undefined;
    try {
      const payload = fields[fields.indexOf('event') + 1];
      if (payload === undefined) throw new Error('the stream entry has no event field');
      const event = JSON.parse(payload) as UpstreamEvent;
      eventId = event.id;
      await handler(event, signal);
    } catch (error) {
      if (signal.aborted) {
        // Not acknowledged: it stays pending and a live instance claims it after claimIdleMs.
        logger.info({ entry: id, eventId }, 'stopped while handling a queued webhook event; it is left for another instance');
        return;
      }
      logger.error({ err: error, entry: id, eventId }, 'queued webhook event failed after its retries; dropped from processing, kept in the event log');
    }
    try {
      await redis.command.xack(stream, GROUP, id);
    } catch (error) {
      // Unacknowledged it is claimed and handled again; the ordering store keeps that from pushing twice.
      logger.warn({ err: error instanceof Error ? error.message : String(error), entry: id, eventId }, 'could not acknowledge a webhook event; it will be handled again');
    }
  };

  // Starts handling each entry not already in hand; returns at once.
  const dispatch = (entries: readonly StreamEntry[], handler: EventHandler): void => {
    for (const entry of entries) {
      const [id] = entry;
      if (inFlight.has(id)) continue;
      const done = handleOnce(entry, handler).finally(() => inFlight.delete(id));
      inFlight.set(id, done);
    }
  };

  return {
    async enqueue(event) {
      await redis.command.xadd(stream, 'MAXLEN', '~', String(maxLength), '*', 'event', JSON.stringify(event));
    },
    start(handler) {
      running = true;
      stopping = createStopController();
      loop = (async () => {
        while (running) {
          try {
            if (inFlight.size >= maxInFlight) {
              await Promise.race(inFlight.values());
              continue;
            }
            const { signal } = stopping;
            await unlessStopped(ensureGroup(), signal);
            const read = redis.blocking.xreadgroup('GROUP', GROUP, consumer, 'COUNT', maxInFlight - inFlight.size, 'BLOCK', 1_000, 'STREAMS', stream, '>') as Promise<Array<[string, StreamEntry[]]> | null>;
            const batches = await unlessStopped(read, signal);
            for (const [, entries] of batches ?? []) dispatch(entries, handler);
          } catch (error) {
            if (!running) break;
            logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'reading the event log failed; retrying');
            await unlessStopped(new Promise((resolve) => setTimeout(resolve, 500)), stopping.signal).catch(() => undefined);
          }
        }
      })();
      const claim = async (): Promise<void> => {
        if (!running) return;
        try {
          // Touching our own entries resets their idle time (XCLAIM to ourselves, minimum idle 0).
          const { signal } = stopping;
          if (inFlight.size > 0) await unlessStopped(redis.command.xclaim(stream, GROUP, consumer, 0, ...inFlight.keys(), 'JUSTID'), signal);
          const claimed = redis.command.xautoclaim(stream, GROUP, consumer, claimIdleMs, '0-0', 'COUNT', 100) as Promise<[string, StreamEntry[]]>;
          const [, entries] = await unlessStopped(claimed, signal);
          // Entries trimmed from the stream meanwhile come back without fields.
          const live = entries.filter((entry) => Array.isArray(entry[1]));
          if (live.length > 0) {
            logger.info({ entries: live.length }, 'took over webhook events another instance did not finish');
            dispatch(live, handler);
          }
        } catch {
          // Redis away: the next sweep tries again.
        }
        if (running) claimTimer = setTimeout(sweep, sweepMs);
      };
      const sweep = (): void => {
        claiming = claim();
      };
      claimTimer = setTimeout(sweep, sweepMs);
    },
    async stop() {
      running = false;
      stopping.abort();
      if (claimTimer !== undefined) clearTimeout(claimTimer);
      // The blocking connection serves this loop alone: closing it ends a
      // pending XREADGROUP at once instead of after its 1 s block. Entries
      // Redis handed over meanwhile stay pending and are claimed elsewhere.
      // (Once only: disconnect() on an ended connection arms a needless 2 s timer.)
      if (redis.blocking.status !== 'end') redis.blocking.disconnect();
      await Promise.all([loop, claiming]);
      // The handlers' retry waits ended with the abort; their current attempts finish.
      await Promise.allSettled([...inFlight.values()]);
    },
  };
}

// Private: settles as `work` does, or rejects as soon as `signal` aborts. A
// command waiting in ioredis' offline queue while Redis is away never settles
// once its connection is disconnected; stop() must not wait for it.
function unlessStopped<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then((value) => {
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    }, (error: unknown) => {
      signal.removeEventListener('abort', onAbort);
      reject(error);
    });
  });
}
