// The Redis connections of one gateway instance: commands, blocking reads and subscriptions, failing fast while Redis is away.
import Redis from 'ioredis';

import type { Logger } from '../logger';

/** One instance's Redis connections. */
export interface RedisConnections {
  /** Commands (SET NX, EVALSHA, PUBLISH, XADD…); fails at once while disconnected. */
  command: Redis;
  /** SUBSCRIBE only. */
  subscriber: Redis;
  /** Blocking stream reads (XREADGROUP BLOCK) only. */
  blocking: Redis;
  /** Key prefix every module puts before its keys. */
  prefix: string;
  /** Round-trip time of a PING in ms; rejects while Redis is unreachable. */
  ping(): Promise<number>;
  /** Observes every command outcome (metrics). */
  onCommand?: (durationMs: number, ok: boolean) => void;
  /** Closes the three connections (called last at shutdown). */
  close(): Promise<void>;
}

/**
 * Opens the connections to `url` and waits (at most 2 s) until they are ready. Commands are never queued while Redis is
 * away (`enableOfflineQueue: false`, one retry): the webhook receiver must
 * answer 503 at once so upstream delivers again later, instead of hanging.
 */
export async function connectRedis(url: string, prefix: string, logger: Logger): Promise<RedisConnections> {
  const options = {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2_000,
    retryStrategy: (attempt: number) => Math.min(attempt * 200, 2_000),
    lazyConnect: false,
  };
  const command = new Redis(url, options);
  const subscriber = new Redis(url, { ...options, enableOfflineQueue: true });
  const blocking = new Redis(url, { ...options, enableOfflineQueue: true, maxRetriesPerRequest: null });
  let reported = false;
  for (const [name, connection] of [['command', command], ['subscriber', subscriber], ['blocking', blocking]] as const) {
    connection.on('error', (error: Error) => {
      // ioredis reports every failed reconnect; one line per outage is enough.
      if (!reported) logger.warn({ connection: name, err: error.message }, 'redis connection error');
      reported = true;
    });
    connection.on('ready', () => {
      if (reported) logger.info({ connection: name }, 'redis connection restored');
      reported = false;
    });
  }
  // Wait for the first connection (bounded): without an offline queue, a
  // command sent before it is ready fails. Redis down at start is not fatal:
  // /readyz says 503 until it comes.
  await Promise.all([command, subscriber, blocking].map((connection) => new Promise<void>((resolve) => {
    if (connection.status === 'ready') return resolve();
    const timer = setTimeout(resolve, 2_000);
    connection.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  })));
  return {
    command,
    subscriber,
    blocking,
    prefix,
    async ping() {
      const started = performance.now();
      await command.ping();
      return performance.now() - started;
    },
    async close() {
      await Promise.allSettled([command, subscriber, blocking].map((connection) => closeConnection(connection)));
    },
  };
}

// How long QUIT may take before the socket is simply closed.
const QUIT_TIMEOUT_MS = 1_000;

// Private: QUIT when connected, so replies in flight still arrive; otherwise,
// or when QUIT takes too long, just close. QUIT on a connection that is away
// would wait in ioredis' offline queue until Redis comes back, holding the
// shutdown; and an ended connection is left alone, since disconnect() on it
// arms a 2 s destroy timer for a socket that has already closed.
async function closeConnection(connection: Redis): Promise<void> {
  // Read afresh each time: QUIT changes the status while it is awaited.
  const ended = (): boolean => connection.status === 'end';
  if (ended()) return;
  if (connection.status === 'ready') {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, QUIT_TIMEOUT_MS);
    });
    await Promise.race([connection.quit().catch(() => undefined), timedOut]);
    clearTimeout(timer);
  }
  if (!ended()) connection.disconnect();
}
