// Durable intake in a Redis Stream: XADD before the 202; every instance consumes through one consumer group and acknowledges after publishing.
import type { Logger } from '../logger';
import type { RedisConnections } from '../redis/redis-connection';
import type { EventQueue } from './event-queue';
import type { UpstreamEvent } from './parse-event';

/** Settings of {@link createRedisEventQueue}. */
export interface RedisEventQueueOptions {
  /** This instance's consumer name (unique per process). */
  consumer: string;
  /** Approximate stream length kept (XADD MAXLEN ~). Defaults to 100_000 events. */
  maxLength?: number;
  /** An event another consumer took but did not acknowledge within this is taken over. Defaults to 15_000 ms. */
  claimIdleMs?: number;
}

const GROUP = 'gateway';

/**
 * Creates the queue. An instance killed after its 202 loses nothing: the event
 * is in the stream, and unacknowledged entries of a dead consumer are claimed
 * by a live one after `claimIdleMs`.
 */
export function createRedisEventQueue(redis: RedisConnections, logger: Logger, options: RedisEventQueueOptions): EventQueue {
  const stream = `${redis.prefix}event-log`;
  const { consumer, maxLength = 100_000, claimIdleMs = 15_000 } = options;
  let running = false;
  let loop: Promise<void> | undefined;
  let claimTimer: NodeJS.Timeout | undefined;

  const ensureGroup = async (): Promise<void> => {
    try {
      await redis.blocking.xgroup('CREATE', stream, GROUP, '0', 'MKSTREAM');
    } catch (error) {
      if (!(error instanceof Error) || !error.message.includes('BUSYGROUP')) throw error;
    }
  };

  const handleEntries = async (entries: Array<[string, string[]]>, handler: (event: UpstreamEvent) => Promise<void>): Promise<void> => {
    await Promise.all(entries.map(async ([id, fields]) => {
      const payload = fields[fields.indexOf('event') + 1];
      try {
        if (payload !== undefined) await handler(JSON.parse(payload) as UpstreamEvent);
        await redis.command.xack(stream, GROUP, id);
      } catch (error) {
        // Not acknowledged: it stays pending and is claimed again later.
        logger.error({ err: error, entry: id }, 'queued webhook event failed; it will be retried');
      }
    }));
  };

  return {
    async enqueue(event) {
      await redis.command.xadd(stream, 'MAXLEN', '~', String(maxLength), '*', 'event', JSON.stringify(event));
    },
    start(handler) {
      running = true;
      loop = (async () => {
        while (running) {
          try {
            await ensureGroup();
            const batches = await redis.blocking.xreadgroup('GROUP', GROUP, consumer, 'COUNT', 100, 'BLOCK', 1_000, 'STREAMS', stream, '>') as Array<[string, Array<[string, string[]]>]> | null;
            for (const [, entries] of batches ?? []) await handleEntries(entries, handler);
          } catch (error) {
            if (!running) break;
            logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'reading the event log failed; retrying');
            await new Promise((resolve) => setTimeout(resolve, 500));
          }
        }
      })();
      const claim = async (): Promise<void> => {
        try {
          const [, entries] = await redis.command.xautoclaim(stream, GROUP, consumer, claimIdleMs, '0-0', 'COUNT', 100) as [string, Array<[string, string[]]>];
          if (entries.length > 0) {
            logger.info({ entries: entries.length }, 'took over webhook events another instance did not finish');
            await handleEntries(entries.filter((entry) => Array.isArray(entry[1])), handler);
          }
        } catch {
          // Redis away: the next sweep tries again.
        }
        if (running) claimTimer = setTimeout(() => void claim(), Math.min(claimIdleMs, 5_000));
      };
      claimTimer = setTimeout(() => void claim(), Math.min(claimIdleMs, 5_000));
    },
    async stop() {
      running = false;
      if (claimTimer !== undefined) clearTimeout(claimTimer);
      // A blocked XREADGROUP returns within its 1 s block.
      await loop;
    },
  };
}
