// The event queues: an event that fails for good costs only itself (logged, dropped from processing), and stop() ends retry waits.
import { randomUUID } from 'node:crypto';

import { type EventHandler, type EventQueue, createMemoryEventQueue } from '../../src/events/event-queue';
import type { UpstreamEvent } from '../../src/events/parse-event';
import { createRedisEventQueue } from '../../src/events/redis-event-queue';
import { retryProcessing } from '../../src/events/retry-processing';
import { type Logger, createLogger } from '../../src/logger';
import { type RedisConnections, connectRedis } from '../../src/redis/redis-connection';
import { deleteKeys, describeWithRedis, uniquePrefix } from '../helpers/redis';
import { eventually } from '../helpers/ws-client';

/** A real logger whose lines the test reads. */
function capturingLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger('info', { write: (line: string) => { lines.push(JSON.parse(line) as Record<string, unknown>); } });
  return { logger, lines };
}

function event(id: string): UpstreamEvent {
  return { id, type: 'fulfillment_cancellation.accepted', createdTime: '2024-03-05T10:00:00.000000Z', liveMode: false, object: { id: `fc-${id}` }, previousAttributes: {} };
}

/**
 * The gateway's handler shape: processing retried (5 attempts, 200 ms doubling),
 * here failing for good for the ids in `poison` and recording the others.
 */
function retryingHandler(logger: Logger, poison: ReadonlySet<string>, processed: string[], attempts: Map<string, number>): EventHandler {
  return (received, signal) => retryProcessing(async () => {
    attempts.set(received.id, (attempts.get(received.id) ?? 0) + 1);
    if (poison.has(received.id)) throw new Error(`processing ${received.id} failed`);
    processed.push(received.id);
  }, logger, received.id, { signal });
}

describe('memory event queue', () => {
  let queue: EventQueue;

  beforeEach(() => {
    jest.useFakeTimers();
  });

  afterEach(async () => {
    await queue.stop();
    jest.useRealTimers();
  });

  it('logs an event that fails after its retries with its id, drops it and goes on with later events', async () => {
    const { logger, lines } = capturingLogger();
    const processed: string[] = [];
    const attempts = new Map<string, number>();
    queue = createMemoryEventQueue(logger);
    queue.start(retryingHandler(logger, new Set(['evt-poison']), processed, attempts));

    await queue.enqueue(event('evt-poison'));
    await queue.enqueue(event('evt-before'));
    // The retries wait 200 + 400 + 800 + 1600 ms; a rejection escaping the queue would fail this test as unhandled.
    await jest.advanceTimersByTimeAsync(3_000);
    await queue.enqueue(event('evt-after'));
    await jest.advanceTimersByTimeAsync(0);

    expect(attempts.get('evt-poison')).toBe(5);
    expect(processed).toEqual(['evt-before', 'evt-after']);
    expect(lines.filter((line) => line.level === 'error')).toEqual([
      expect.objectContaining({ eventId: 'evt-poison', msg: 'webhook event failed after its retries; dropped from processing' }),
    ]);
  });

  it('keeps going when a handler throws synchronously', async () => {
    const { logger, lines } = capturingLogger();
    const processed: string[] = [];
    queue = createMemoryEventQueue(logger);
    queue.start((received) => {
      if (received.id === 'evt-throws') throw new Error('not even a promise');
      processed.push(received.id);
      return Promise.resolve();
    });
    await queue.enqueue(event('evt-throws'));
    await queue.enqueue(event('evt-next'));
    await jest.advanceTimersByTimeAsync(0);
    expect(processed).toEqual(['evt-next']);
    expect(lines.map((line) => line.eventId)).toEqual(['evt-throws']);
  });

  it('ends a retry wait at stop: stop() resolves without the backoff elapsing, and no further attempt starts', async () => {
    const { logger, lines } = capturingLogger();
    const attempts = new Map<string, number>();
    queue = createMemoryEventQueue(logger);
    queue.start(retryingHandler(logger, new Set(['evt-poison']), [], attempts));
    await queue.enqueue(event('evt-poison'));
    await jest.advanceTimersByTimeAsync(0);
    expect(attempts.get('evt-poison')).toBe(1);

    let stopped = false;
    const stopping = queue.stop().then(() => { stopped = true; });
    // Not a single millisecond of the 200 ms backoff passes.
    await jest.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(true);
    await stopping;
    await jest.advanceTimersByTimeAsync(10_000);
    expect(attempts.get('evt-poison')).toBe(1);
    expect(lines.filter((line) => line.level === 'error')).toEqual([
      expect.objectContaining({ eventId: 'evt-poison', msg: 'webhook event dropped: the gateway stopped before its processing finished' }),
    ]);
  });

  it('refuses events once stopped, so the receiver answers 503 and upstream delivers again', async () => {
    queue = createMemoryEventQueue(capturingLogger().logger);
    queue.start(() => Promise.resolve());
    await queue.stop();
    await expect(queue.enqueue(event('evt-late'))).rejects.toThrow('the event queue is not started');
  });
});

describeWithRedis('Redis event queue', (redisUrl) => {
  const prefix = uniquePrefix('queue');
  const opened: RedisConnections[] = [];
  const queues: EventQueue[] = [];

  const connect = async (): Promise<RedisConnections> => {
    const redis = await connectRedis(redisUrl, prefix, createLogger('silent'));
    opened.push(redis);
    return redis;
  };
  const startQueue = (redis: RedisConnections, logger: Logger, handler: EventHandler): EventQueue => {
    const queue = createRedisEventQueue(redis, logger, { consumer: `test-${randomUUID()}`, claimIdleMs: 200 });
    queue.start(handler);
    queues.push(queue);
    return queue;
  };
  const pendingCount = async (redis: RedisConnections): Promise<number> => {
    const [count] = await redis.command.xpending(`${prefix}event-log`, 'gateway') as [number, ...unknown[]];
    return count;
  };
  const untilPending = async (redis: RedisConnections, count: number): Promise<void> => {
    for (let tries = 0; (await pendingCount(redis)) !== count; tries += 1) {
      if (tries > 200) throw new Error(`expected ${count} pending entries, got ${await pendingCount(redis)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const streamEventIds = async (redis: RedisConnections): Promise<string[]> => {
    const entries = await redis.command.xrange(`${prefix}event-log`, '-', '+');
    return entries.map(([, fields]) => (JSON.parse(fields[1] ?? '{}') as UpstreamEvent).id);
  };

  afterEach(async () => {
    for (const queue of queues.splice(0)) await queue.stop();
    for (const redis of opened.splice(0)) await redis.close();
    await deleteKeys(redisUrl, prefix);
  });

  it('acknowledges an event that fails after its retries, keeps it in the stream and goes on with later events', async () => {
    const redis = await connect();
    const { logger, lines } = capturingLogger();
    const processed: string[] = [];
    const attempts = new Map<string, number>();
    const queue = startQueue(redis, logger, retryingHandler(logger, new Set(['evt-poison']), processed, attempts));

    await queue.enqueue(event('evt-poison'));
    await queue.enqueue(event('evt-after'));
    await eventually(() => lines.some((line) => line.level === 'error'), 10_000, 'the failure to be logged');

    expect(processed).toEqual(['evt-after']);
    expect(attempts.get('evt-poison')).toBe(5);
    expect(lines.filter((line) => line.level === 'error')).toEqual([
      expect.objectContaining({ eventId: 'evt-poison', msg: 'queued webhook event failed after its retries; dropped from processing, kept in the event log' }),
    ]);
    // Dropped from processing (acknowledged, so no instance claims it again), yet still in the event log.
    await untilPending(redis, 0);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(attempts.get('evt-poison')).toBe(5);
    expect(await streamEventIds(redis)).toEqual(['evt-poison', 'evt-after']);
  });

  it('leaves the event it was handling at stop pending, and another instance takes it over', async () => {
    const first = await connect();
    const { logger } = capturingLogger();
    let failures = 0;
    const stopping = startQueue(first, logger, (received, signal) => retryProcessing(async () => {
      failures += 1;
      throw new Error(`upstream away while processing ${received.id}`);
    }, logger, received.id, { signal, baseDelayMs: 60_000 }));
    await stopping.enqueue(event('evt-interrupted'));
    await eventually(() => failures === 1, 5_000, 'the first attempt');

    // The queue waits 60 s before its next attempt; stop() must not.
    const started = performance.now();
    await stopping.stop();
    // Generous against a busy machine: the bug this guards against waits 60 s (the backoff) or 1 s (the XREADGROUP block).
    expect(performance.now() - started).toBeLessThan(900);
    expect(failures).toBe(1);
    expect(await pendingCount(first)).toBe(1);

    const second = await connect();
    const processed: string[] = [];
    startQueue(second, logger, async (received) => { processed.push(received.id); });
    await eventually(() => processed.length === 1, 10_000, 'the takeover');
    expect(processed).toEqual(['evt-interrupted']);
    await untilPending(second, 0);
  });
});
