// Webhook de-duplication in Redis: SET NX with a 72-hour expiry, shared by every instance.
import type { RedisConnections } from '../redis/redis-connection';
import type { EventLog } from './event-log';

/** Upstream retries live-mode deliveries for up to 72 hours (§12.2). */
const DEDUP_TTL_SECONDS = 72 * 3600;

/** Creates the shared event log. Each id costs one key (~90 bytes) for 72 hours. */
export function createRedisEventLog(redis: RedisConnections): EventLog {
  const key = (eventId: string): string => `${redis.prefix}seen:${eventId}`;
  return {
    async recordIfNew(eventId) {
      return (await redis.command.set(key(eventId), '1', 'EX', DEDUP_TTL_SECONDS, 'NX')) === 'OK';
    },
    async forget(eventId) {
      await redis.command.del(key(eventId));
    },
  };
}
