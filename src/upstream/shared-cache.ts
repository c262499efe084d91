// The only cross-request cache: upstream answers keyed by object (or by the parent of a list), kept true by scopes that webhooks and writes invalidate.
//
// How an entry stays true. Every entry names the scopes it depends on (its
// order, its fulfillment order, its source). A read hands out a ticket (the
// cache's sequence number at that moment) before the loader fetches its
// misses; what is fetched is stored under that ticket. Invalidating a scope
// stamps it with a newer sequence number, and an entry is served only while
// none of its scopes carries a stamp newer than its ticket. So an entry whose
// fetch may have started before an invalidation is never served after it,
// however late it is stored, and one invalidation of an order's scope drops
// the order's whole graph at once. `memory-shared-cache.ts` (one instance) and
// `redis-shared-cache.ts` (every instance, a memory tier in front) implement it.

/** The kinds of cached answer: single objects by id, and lists by the id of their parent. */
export type CacheKind =
  | 'order'
  | 'fulfillmentOrder'
  | 'cancellation'
  | 'fulfillment'
  | 'charge'
  | 'source'
  | 'fulfillmentOrdersOfOrder'
  | 'cancellationsOfOrder'
  | 'cancellationsOfFulfillmentOrder'
  | 'fulfillmentsOfOrder';

/** Every kind, for metrics and reports. */
export const CACHE_KINDS: readonly CacheKind[] = [
  'order', 'fulfillmentOrder', 'cancellation', 'fulfillment', 'charge', 'source',
  'fulfillmentOrdersOfOrder', 'cancellationsOfOrder', 'cancellationsOfFulfillmentOrder', 'fulfillmentsOfOrder',
];

/** The short tag of each kind in keys (`e:o:<id>`); part of the Redis key layout the README documents. */
export const KIND_TAGS: Readonly<Record<CacheKind, string>> = {
  order: 'o',
  fulfillmentOrder: 'fo',
  cancellation: 'fc',
  fulfillment: 'f',
  charge: 'ch',
  source: 's',
  fulfillmentOrdersOfOrder: 'o-fo',
  cancellationsOfOrder: 'o-fc',
  cancellationsOfFulfillmentOrder: 'fo-fc',
  fulfillmentsOfOrder: 'o-f',
};

/**
 * A name whose invalidation makes every entry that depends on it stale:
 * `o:<orderId>` (an order and everything that hangs off it), `fo:<id>` (a
 * fulfillment order, its cancellations and the lists it is in), `s:<id>` (a
 * payment source read by itself).
 */
export type CacheScope = string;

/** The scope of an order's whole graph. */
export const orderScope = (orderId: string): CacheScope => `o:${orderId}`;
/** The scope of a fulfillment order, its cancellations and the lists that hold it. */
export const fulfillmentOrderScope = (fulfillmentOrderId: string): CacheScope => `fo:${fulfillmentOrderId}`;
/** The scope of a payment source read by itself. */
export const sourceScope = (sourceId: string): CacheScope => `s:${sourceId}`;

/**
 * Ids the cache keys and scopes may carry: 1 to 128 printable ASCII characters
 * without spaces. Keys stay small and bounded, and a scope list can be written
 * space-separated; an object with any other id is simply not cached.
 */
const CACHEABLE_ID = /^[\x21-\x7e]{1,128}$/;

/** True when `id` may appear in a key or a scope. */
export function isCacheableId(id: string): boolean {
  return CACHEABLE_ID.test(id);
}

/** True when a scope may be stored beside an entry: `o:`, `fo:` or `s:` and a cacheable id. */
export function isCacheableScope(scope: string): boolean {
  const colon = scope.indexOf(':');
  return colon > 0 && colon < 3 && isCacheableId(scope.slice(colon + 1));
}

/** Largest JSON text stored for one entry (1 MiB): a bigger answer is served but not cached. */
export const MAX_ENTRY_CHARS = 1024 * 1024;

/**
 * Handed out by a read, before the fetch of its misses starts: an entry stored
 * under it is stale as soon as one of its scopes is invalidated after the
 * ticket was taken (see the file comment).
 */
export interface CacheTicket {
  /** The generation of the whole cache (a flush starts a new one). */
  readonly epoch: string;
  /** The cache's sequence number when the ticket was taken. */
  readonly seq: number;
  /** The clock (ms) when it was taken: entries expire `ttl` after it, not after their store. */
  readonly takenAt: number;
}

/** What a read found. */
export interface CacheRead {
  /** One slot per key asked: the cached JSON text, or undefined for a miss. */
  readonly hits: ReadonlyArray<string | undefined>;
  /** Lets the caller store what it fetches for the misses; undefined when nothing may be stored (cache off or bypassed). */
  readonly ticket: CacheTicket | undefined;
}

/** One answer to store: the parsed upstream JSON (stored as its JSON text) and the scopes it depends on. */
export interface CacheEntry {
  readonly key: string;
  readonly value: unknown;
  readonly scopes: readonly CacheScope[];
}

/** Who asked for an invalidation, for metrics. */
export type InvalidationOrigin = 'webhook' | 'mutation';

/** What the cache reports, for metrics and logs; every member is optional. */
export interface CacheObserver {
  /** After each read: keys answered, keys missed, and whether the cache was bypassed (Redis away). */
  onRead?(kind: CacheKind, hits: number, misses: number, bypassed: boolean): void;
  /** After each invalidation: how many scopes, and whether it was made visible. */
  onInvalidate?(origin: InvalidationOrigin, scopes: number, ok: boolean): void;
  /** When the memory tier drops entries to stay within its size. */
  onEvict?(count: number): void;
  /** When the cache stops trusting itself (Redis failed) or trusts itself again (flushed). */
  onStateChange?(state: 'bypassed' | 'restored', reason: string): void;
}

/** The cache as invalidating code needs it (webhooks, writes). */
export interface CacheInvalidator {
  /**
   * Makes every entry that depends on one of `scopes` stale, in every
   * instance. Resolves once that is visible to every read that starts after;
   * rejects when it could not be made visible (Redis unreachable), and the
   * cache then serves nothing until it could flush itself.
   */
  invalidate(scopes: readonly CacheScope[], origin: InvalidationOrigin): Promise<void>;
}

/** The shared cache of upstream answers. */
export interface SharedCache extends CacheInvalidator {
  /** False when CACHE_TTL_SECONDS is 0: reads find nothing and hand out no ticket. */
  readonly enabled: boolean;
  /**
   * Looks `keys` (ids) of `kind` up. Never rejects: when the cache cannot be
   * trusted (Redis away) every key is a miss and no ticket is handed out.
   */
  read(kind: CacheKind, keys: readonly string[]): Promise<CacheRead>;
  /** Stores answers fetched after `ticket` was taken; never throws (a failed store is only a lost entry). */
  write(ticket: CacheTicket, kind: CacheKind, entries: readonly CacheEntry[]): void;
  /** Bytes the memory tier holds (approximately: JSON characters, keys and scopes). */
  memoryBytes(): number;
  /** Stops listening to Redis; the connections belong to the caller. */
  close(): void;
}

/** The cache when CACHE_TTL_SECONDS is 0: every read misses, every invalidation is free. */
export const disabledCache: SharedCache = Object.freeze({
  enabled: false,
  read: (_kind: CacheKind, keys: readonly string[]) => Promise.resolve({ hits: keys.map(() => undefined), ticket: undefined }),
  write: () => undefined,
  invalidate: () => Promise.resolve(),
  memoryBytes: () => 0,
  close: () => undefined,
});

/** Settings every implementation takes. */
export interface SharedCacheOptions {
  /** How long an entry serves after the read that fetched it started, in seconds (CACHE_TTL_SECONDS); at least 1. */
  ttlSeconds: number;
  /** Bound of the memory tier in bytes (CACHE_MAX_BYTES); 0 keeps nothing in memory. */
  maxBytes: number;
  /** The clock, in ms (tests inject one). Defaults to `Date.now`. */
  clock?: () => number;
  observer?: CacheObserver;
}
