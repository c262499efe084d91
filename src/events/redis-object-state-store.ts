// Per-object ordering and last known state in Redis, decided atomically by a Lua script so two instances never both win.
import type { RedisConnections } from '../redis/redis-connection';
import type { ObjectStateStore } from './object-state-store';

// KEYS[1]: the object's hash; ARGV: event time (µs), state ('' = none), ttl (s), event id.
// The same event again → duplicate; older than what was applied → not applied.
// Returns {applied (1) / stale (0) / duplicate (2), previous state}.
const APPLY = `
local current = redis.call('HMGET', KEYS[1], 'at', 'state', 'event', 'previous')
if current[3] == ARGV[4] then
  return {2, current[4] or ''}
end
if current[1] and tonumber(current[1]) > tonumber(ARGV[1]) then
  return {0, current[2] or ''}
end
redis.call('HSET', KEYS[1], 'at', ARGV[1], 'event', ARGV[4], 'previous', current[2] or '')
if ARGV[2] ~= '' then redis.call('HSET', KEYS[1], 'state', ARGV[2]) end
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
return {1, current[2] or ''}
`;

/** Objects are remembered for 30 days after their last event. */
const STATE_TTL_SECONDS = 30 * 24 * 3600;

/** Creates the shared store. Each object costs one small hash (~120 bytes). */
export function createRedisObjectStateStore(redis: RedisConnections): ObjectStateStore {
  redis.command.defineCommand('gatewayApplyEvent', { numberOfKeys: 1, lua: APPLY });
  const apply = (redis.command as unknown as { gatewayApplyEvent(key: string, at: string, state: string, ttl: string, eventId: string): Promise<[number, string]> }).gatewayApplyEvent
    .bind(redis.command);
  return {
    async apply(objectKey, atMicros, state, eventId) {
      const [verdict, previous] = await apply(`${redis.prefix}object:${objectKey}`, String(atMicros), state ?? '', String(STATE_TTL_SECONDS), eventId);
      return { apply: verdict === 1, previousState: previous === '' ? null : previous, duplicate: verdict === 2 };
    },
  };
}
