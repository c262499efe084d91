// The shared cache of a fleet: entries and scope stamps in Redis, a memory tier in front that every read checks against Redis' stamps.
import { randomUUID } from 'node:crypto';

import type { ChainableCommander, default as Redis } from 'ioredis';

import type { RedisConnections } from '../redis/redis-connection';
import { type TierEntry, createMemoryTier } from './cache-memory-tier';
import {
  type CacheKind,
  type CacheRead,
  KIND_TAGS,
  MAX_ENTRY_CHARS,
  type SharedCache,
  type SharedCacheOptions,
  isCacheableId,
  isCacheableScope,
} from './shared-cache';

// One round trip per read, atomic, so the answer is one consistent snapshot.
// KEYS[1]: the epoch, KEYS[2]: the sequence, KEYS[3..]: entries to read.
// ARGV[1]: an epoch to create when there is none (Redis lost its data),
// ARGV[2]: the stamp key prefix, ARGV[3]: n, ARGV[4..3+n]: scopes whose
// stamps to report (those of entries the memory tier holds).
// Returns the epoch, the sequence, the n stamps, then each entry: its stored
// text when it is still valid (same epoch, no scope stamped after its
// ticket), else nil. Stamp keys are named inside the script (they are only
// known from the entries' headers): fine on one Redis, not on a cluster.
// Entry text: "<epoch> <seq> <expiresAt> <scope> <scope>…\n<json>".
const READ = `
local epoch = redis.call('GET', KEYS[1])
if not epoch then
  redis.call('SET', KEYS[1], ARGV[1], 'NX')
  epoch = redis.call('GET', KEYS[1])
end
local out = { epoch, redis.call('GET', KEYS[2]) or '0' }
local prefix = ARGV[2]
local asked = tonumber(ARGV[3])
for i = 1, asked do
  out[#out + 1] = redis.call('GET', prefix .. ARGV[3 + i]) or '0'
end
for i = 3, #KEYS do
  local value = redis.call('GET', KEYS[i])
  if value then
    local newline = string.find(value, '\\n', 1, true)
    if not newline then
      value = false
    else
      local field = 0
      local seq = 0
      for word in string.gmatch(string.sub(value, 1, newline - 1), '%S+') do
        field = field + 1
        if field == 1 then
          if word ~= epoch then value = false break end
        elseif field == 2 then
          seq = tonumber(word)
        elseif field > 3 then
          local stamp = redis.call('GET', prefix .. word)
          if stamp and tonumber(stamp) > seq then value = false break end
        end
      end
    end
  end
  out[#out + 1] = value
end
return out
`;

// KEYS[1]: the sequence. ARGV[1]: the stamp key prefix, ARGV[2]: stamp
// lifetime in ms, ARGV[3..]: scopes. One new sequence number stamps them all.
const INVALIDATE = `
local seq = redis.call('INCR', KEYS[1])
for i = 3, #ARGV do
  redis.call('SET', ARGV[1] .. ARGV[i], seq, 'PX', ARGV[2])
end
return seq
`;

/** A Redis connection with the cache's two scripts defined. */
interface CacheCommands {
  gatewayCacheRead(numberOfKeys: number, ...args: Array<string | number>): Promise<Array<string | null>>;
  gatewayCacheInvalidate(numberOfKeys: number, ...args: Array<string | number>): Promise<number>;
}

/**
 * How long past twice the TTL a scope stamp is kept in Redis: a stamp only
 * matters to entries read before it, and those expire within the TTL.
 */
const STAMP_MARGIN_MS = 60_000;

/** Least time between two attempts to flush after a failure. */
const FLUSH_RETRY_MS = 1_000;

/**
 * Creates the fleet's cache on `redis` under `<prefix>cache:` (see
 * `shared-cache.ts` for the rules). Keys: `epoch`, `seq`, `v:<scope>` (stamps,
 * kept 2 × TTL + 60 s), `e:<kind tag>:<id>` (entries, kept for their TTL).
 *
 * Every read goes through one script call, whatever the tier that answers:
 * the memory tier's entries are served only once Redis' stamps (fetched in
 * that same call) show no invalidation after their ticket, so an invalidation
 * made on any instance is seen by every read that starts after it. Reads made
 * in the same turn of the event loop share one call.
 *
 * When a Redis command fails or the connection drops, the cache serves and
 * stores nothing (both tiers) until it has flushed itself: a new epoch, which
 * every instance's entries, in Redis and in memory, fail to match. Entries
 * read before the failure can then never be served after it, whatever
 * changed upstream while invalidations could not be recorded.
 */
export function createRedisSharedCache(redis: RedisConnections, { ttlSeconds, maxBytes, clock = Date.now, observer }: SharedCacheOptions): SharedCache {
  const ttlMs = ttlSeconds * 1000;
  const base = `${redis.prefix}cache:`;
  const epochKey = `${base}epoch`;
  const seqKey = `${base}seq`;
  const stampPrefix = `${base}v:`;
  const stampTtlMs = 2 * ttlMs + STAMP_MARGIN_MS;
  const entryKey = (kind: CacheKind, id: string): string => `${base}e:${KIND_TAGS[kind]}:${id}`;
  const connection: Redis = redis.command;
  connection.defineCommand('gatewayCacheRead', { lua: READ });
  connection.defineCommand('gatewayCacheInvalidate', { lua: INVALIDATE });
  const commands = connection as unknown as CacheCommands;
  const tier = createMemoryTier(maxBytes, observer?.onEvict);

  let trusted = true;
  // Bumped by every failure: a flush that started before one must not restore trust.
  let failures = 0;
  let lastFlushAttempt = Number.NEGATIVE_INFINITY;
  let closed = false;
  const distrust = (reason: string): void => {
    failures += 1;
    tier.clear();
    if (!trusted) return;
    trusted = false;
    observer?.onStateChange?.('bypassed', reason);
  };
  const onConnectionClosed = (): void => distrust('redis connection closed');
  connection.on('close', onConnectionClosed);
  const flush = async (): Promise<boolean> => {
    const now = Date.now();
    if (closed || now - lastFlushAttempt < FLUSH_RETRY_MS) return false;
    lastFlushAttempt = now;
    const seen = failures;
    try {
      await connection.set(epochKey, randomUUID());
    } catch {
      return false;
    }
    if (seen !== failures) return false;
    tier.clear();
    trusted = true;
    observer?.onStateChange?.('restored', 'flushed: every entry stored before is void');
    return true;
  };
  const bypass = (kind: CacheKind, count: number): CacheRead => {
    observer?.onRead?.(kind, 0, count, true);
    return { hits: new Array<string | undefined>(count).fill(undefined), ticket: undefined };
  };

  /** One read waiting for the next round. */
  interface PendingRead {
    kind: CacheKind;
    count: number;
    now: number;
    held: Array<{ index: number; key: string; entry: TierEntry }>;
    asked: Array<{ index: number; key: string }>;
    resolve(read: CacheRead): void;
  }
  // Reads issued while a round is being prepared go out together: one script
  // call (one write and one read on the socket) for every loader batch of
  // every operation in flight, instead of one each.
  let pending: PendingRead[] = [];
  const runRound = async (): Promise<void> => {
    const round = pending;
    pending = [];
    const keys = [...new Set(round.flatMap((read) => read.asked.map(({ key }) => key)))];
    const scopes = [...new Set(round.flatMap((read) => read.held.flatMap(({ entry }) => entry.scopes)))];
    let reply: Array<string | null>;
    try {
      reply = await commands.gatewayCacheRead(2 + keys.length, epochKey, seqKey, ...keys, randomUUID(), stampPrefix, scopes.length, ...scopes);
    } catch (error) {
      distrust(`cache read failed: ${messageOf(error)}`);
      for (const read of round) read.resolve(bypass(read.kind, read.count));
      return;
    }
    const epoch = String(reply[0]);
    const seq = Number(reply[1]);
    const stamps = new Map(scopes.map((scope, index) => [scope, Number(reply[2 + index])]));
    const texts = new Map(keys.map((key, index) => [key, reply[2 + scopes.length + index]]));
    for (const read of round) read.resolve(answer(read, epoch, seq, stamps, texts));
  };
  const answer = (read: PendingRead, epoch: string, seq: number, stamps: ReadonlyMap<string, number>, texts: ReadonlyMap<string, string | null | undefined>): CacheRead => {
    const hits = new Array<string | undefined>(read.count).fill(undefined);
    let hitCount = 0;
    for (const { index, key, entry } of read.held) {
      if (entry.epoch === epoch && entry.scopes.every((scope) => (stamps.get(scope) ?? 0) <= entry.seq)) {
        hits[index] = entry.json;
        hitCount += 1;
      } else {
        tier.delete(key);
      }
    }
    for (const { index, key } of read.asked) {
      const text = texts.get(key);
      const entry = typeof text === 'string' ? decodeEntry(text) : undefined;
      if (entry === undefined || entry.expiresAt <= read.now) continue;
      hits[index] = entry.json;
      hitCount += 1;
      tier.set(key, entry);
    }
    observer?.onRead?.(read.kind, hitCount, read.count - hitCount, false);
    return { hits, ticket: { epoch, seq, takenAt: read.now } };
  };

  // Entries stored in the same turn of the event loop go out in one pipeline.
  let writes: ChainableCommander | undefined;
  const storeRound = (): void => {
    const round = writes;
    writes = undefined;
    round?.exec().then(
      (results) => {
        const failed = results?.find(([error]) => error !== null);
        if (failed !== undefined) distrust(`cache write failed: ${messageOf(failed[0])}`);
      },
      (error: unknown) => distrust(`cache write failed: ${messageOf(error)}`),
    );
  };

  return {
    enabled: true,
    async read(kind, keys) {
      if (closed || (!trusted && !(await flush()))) return bypass(kind, keys.length);
      const now = clock();
      const held: PendingRead['held'] = [];
      const asked: PendingRead['asked'] = [];
      keys.forEach((id, index) => {
        if (!isCacheableId(id)) return;
        const key = entryKey(kind, id);
        const entry = tier.get(key);
        if (entry !== undefined && entry.expiresAt > now) held.push({ index, key, entry });
        else asked.push({ index, key });
      });
      return new Promise<CacheRead>((resolve) => {
        if (pending.length === 0) setImmediate(() => void runRound());
        pending.push({ kind, count: keys.length, now, held, asked, resolve });
      });
    },
    write(ticket, kind, entries) {
      if (closed || !trusted) return;
      const expiresAt = ticket.takenAt + ttlMs;
      const lifetimeMs = expiresAt - clock();
      if (lifetimeMs <= 0) return;
      for (const { key: id, value, scopes } of entries) {
        if (!isCacheableId(id) || !scopes.every(isCacheableScope)) continue;
        const json = JSON.stringify(value);
        if (json.length > MAX_ENTRY_CHARS) continue;
        const entry: TierEntry = { json, epoch: ticket.epoch, seq: ticket.seq, expiresAt, scopes };
        const key = entryKey(kind, id);
        if (writes === undefined) {
          writes = connection.pipeline();
          setImmediate(storeRound);
        }
        writes.set(key, encodeEntry(entry), 'PX', Math.ceil(lifetimeMs));
        // Safe before Redis has it: a memory entry is served only after the stamps say so.
        tier.set(key, entry);
      }
    },
    async invalidate(scopes, origin) {
      const stamped = [...new Set(scopes)].filter(isCacheableScope);
      // Nothing was ever stored under a scope that cannot be written.
      if (stamped.length === 0) return;
      try {
        await commands.gatewayCacheInvalidate(1, seqKey, stampPrefix, stampTtlMs, ...stamped);
      } catch (error) {
        distrust(`cache invalidation failed: ${messageOf(error)}`);
        observer?.onInvalidate?.(origin, stamped.length, false);
        throw error;
      }
      observer?.onInvalidate?.(origin, stamped.length, true);
    },
    memoryBytes: () => tier.bytes(),
    close() {
      closed = true;
      connection.off('close', onConnectionClosed);
      tier.clear();
    },
  };
}

/** The text stored in Redis for an entry: a one-line header the read script checks, then the JSON. */
export function encodeEntry(entry: TierEntry): string {
  return `${entry.epoch} ${entry.seq} ${entry.expiresAt}${entry.scopes.map((scope) => ` ${scope}`).join('')}\n${entry.json}`;
}

/** Reads a stored text back; undefined when it is not one {@link encodeEntry} wrote. */
export function decodeEntry(text: string): TierEntry | undefined {
  const newline = text.indexOf('\n');
  if (newline < 0) return undefined;
  const [epoch, seq, expiresAt, ...scopes] = text.slice(0, newline).split(' ');
  if (epoch === undefined || seq === undefined || expiresAt === undefined) return undefined;
  return { epoch, seq: Number(seq), expiresAt: Number(expiresAt), scopes, json: text.slice(newline + 1) };
}

// Private: a failure's message for logs.
function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
