// The shared cache of one instance without Redis: entries and scope stamps in this process only.
import { createMemoryTier } from './cache-memory-tier';
import {
  type CacheKind,
  type CacheRead,
  type CacheScope,
  KIND_TAGS,
  MAX_ENTRY_CHARS,
  type SharedCache,
  type SharedCacheOptions,
  isCacheableId,
  isCacheableScope,
} from './shared-cache';

/** The only epoch of a cache that lives and dies with its process. */
const EPOCH = 'memory';

/**
 * How long past the TTL a scope's stamp is kept. A stamp only matters to
 * entries whose ticket is older than it, and those expire within the TTL of
 * their ticket, so a stamp older than TTL + this can go: every live entry
 * was read after it.
 */
const STAMP_MARGIN_MS = 60_000;

/**
 * Creates the in-process cache (see `shared-cache.ts` for the rules).
 * Invalidation is synchronous and never fails; the memory tier holds at most
 * `maxBytes` (LRU), and with 0 the cache holds nothing.
 */
export function createMemorySharedCache({ ttlSeconds, maxBytes, clock = Date.now, observer }: SharedCacheOptions): SharedCache {
  const ttlMs = ttlSeconds * 1000;
  const tier = createMemoryTier(maxBytes, observer?.onEvict);
  let seq = 0;
  // Scope → the sequence number and time of its last invalidation, oldest first (re-stamping moves a scope to the end).
  const stamps = new Map<CacheScope, { seq: number; at: number }>();
  const forgetOldStamps = (now: number): void => {
    for (const [scope, stamp] of stamps) {
      if (stamp.at > now - ttlMs - STAMP_MARGIN_MS) break;
      stamps.delete(scope);
    }
  };
  const keyOf = (kind: CacheKind, id: string): string => `${KIND_TAGS[kind]}:${id}`;

  return {
    enabled: true,
    read(kind, keys) {
      const now = clock();
      let hitCount = 0;
      const hits = keys.map((id) => {
        if (!isCacheableId(id)) return undefined;
        const key = keyOf(kind, id);
        const entry = tier.get(key);
        if (entry === undefined) return undefined;
        if (entry.expiresAt <= now || entry.scopes.some((scope) => (stamps.get(scope)?.seq ?? 0) > entry.seq)) {
          tier.delete(key);
          return undefined;
        }
        hitCount += 1;
        return entry.json;
      });
      observer?.onRead?.(kind, hitCount, keys.length - hitCount, false);
      const read: CacheRead = { hits, ticket: { epoch: EPOCH, seq, takenAt: now } };
      return Promise.resolve(read);
    },
    write(ticket, kind, entries) {
      const expiresAt = ticket.takenAt + ttlMs;
      if (expiresAt <= clock()) return;
      for (const { key: id, value, scopes } of entries) {
        if (!isCacheableId(id) || !scopes.every(isCacheableScope)) continue;
        // Already stale: invalidated after the ticket, so not worth the room.
        if (scopes.some((scope) => (stamps.get(scope)?.seq ?? 0) > ticket.seq)) continue;
        const json = JSON.stringify(value);
        if (json.length > MAX_ENTRY_CHARS) continue;
        tier.set(keyOf(kind, id), { json, epoch: ticket.epoch, seq: ticket.seq, expiresAt, scopes });
      }
    },
    invalidate(scopes, origin) {
      const now = clock();
      seq += 1;
      for (const scope of scopes) {
        stamps.delete(scope);
        stamps.set(scope, { seq, at: now });
      }
      forgetOldStamps(now);
      observer?.onInvalidate?.(origin, scopes.length, true);
      return Promise.resolve();
    },
    memoryBytes: () => tier.bytes(),
    close: () => tier.clear(),
  };
}
