// The replay log shared by every instance: a Redis stream of published messages, recorded and published by one atomic script.
import type { RedisConnections } from '../redis/redis-connection';
import { eventsChannel } from './redis-pubsub';
import type { ReplayEntry, ReplayLog } from './replay-log';
import type { GatewayEventMessage, UnpositionedMessage } from './topics';

/** Settings of {@link createRedisReplayLog}. */
export interface RedisReplayLogOptions {
  /** How long messages are kept (EVENT_REPLAY_SECONDS). */
  retentionSeconds: number;
}

// KEYS[1]: the stream; KEYS[2]: the event id's position key.
// ARGV[1]: retention in ms; ARGV[2]: the position key's ttl in s; ARGV[3]: topics
// (JSON array); ARGV[4]: the message's JSON without its opening brace; ARGV[5]: the channel.
// Recording and publishing in one script means no other instance's message can
// come between them: positions are published in stream order. The position is
// spliced into the published JSON here because only XADD knows it.
// Returns {position, 1 (published) or 0 (recorded already, nothing published)}.
const PUBLISH = `
local known = redis.call('GET', KEYS[2])
if known then return {known, 0} end
local now = redis.call('TIME')
local cutoff = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) - tonumber(ARGV[1])
local id = redis.call('XADD', KEYS[1], 'MINID', '~', string.format('%d', cutoff), '*', 't', ARGV[3], 'm', '{' .. ARGV[4])
redis.call('SET', KEYS[2], id, 'EX', ARGV[2])
redis.call('PUBLISH', ARGV[5], '{"topics":' .. ARGV[3] .. ',"message":{"position":"' .. id .. '",' .. ARGV[4] .. '}')
return {id, 1}
`;

// KEYS as above. Returns the stream entry of the event id, or nil when either is gone.
const FIND = `
local position = redis.call('GET', KEYS[2])
if not position then return nil end
local found = redis.call('XRANGE', KEYS[1], position, position)
if #found == 0 then return nil end
return found[1]
`;

type StreamEntry = [id: string, fields: string[]];

interface ReplayCommands {
  gatewayPublishEvent(stream: string, positionKey: string, retentionMs: string, ttl: string, topics: string, body: string, channel: string): Promise<[string, number]>;
  gatewayFindEvent(stream: string, positionKey: string): Promise<StreamEntry | null>;
}

/**
 * Creates the shared log. Each published event costs one script call (in
 * place of the PUBLISH it replaces): XADD trimmed by MINID to the retention,
 * SET of the event id's position with the same expiry, PUBLISH. Memory: the
 * message (1–3 KB) plus ~100 bytes per event for the retention period.
 */
export function createRedisReplayLog(redis: RedisConnections, { retentionSeconds }: RedisReplayLogOptions): ReplayLog {
  const stream = `${redis.prefix}replay`;
  const positionKey = (eventId: string): string => `${redis.prefix}replay-position:${eventId}`;
  redis.command.defineCommand('gatewayPublishEvent', { numberOfKeys: 2, lua: PUBLISH });
  redis.command.defineCommand('gatewayFindEvent', { numberOfKeys: 2, lua: FIND });
  const commands = redis.command as unknown as ReplayCommands;
  return {
    async publish(topics, message: UnpositionedMessage) {
      const body = JSON.stringify(message).slice(1);
      const [position, published] = await commands.gatewayPublishEvent(
        stream, positionKey(message.eventId), String(retentionSeconds * 1000), String(retentionSeconds), JSON.stringify(topics), body, eventsChannel(redis.prefix),
      );
      return { position, published: published === 1 };
    },
    async find(eventId) {
      const entry = await commands.gatewayFindEvent(stream, positionKey(eventId));
      return entry === null ? undefined : toEntry(entry);
    },
    async readAfter(position, limit) {
      const entries = await redis.command.xrange(stream, `(${position}`, '+', 'COUNT', limit) as StreamEntry[];
      return entries.map(toEntry);
    },
  };
}

// Private: a stream entry back into a message with its position (the entry id).
function toEntry([id, fields]: StreamEntry): ReplayEntry {
  const field = (name: string): string => fields[fields.indexOf(name) + 1] ?? 'null';
  const message = JSON.parse(field('m')) as UnpositionedMessage;
  return { topics: JSON.parse(field('t')) as string[], message: { ...message, position: id } as GatewayEventMessage };
}
