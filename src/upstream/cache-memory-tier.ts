// The in-process tier of the shared cache: entries with their ticket and scopes, in an LRU bounded by bytes.
import { LRUCache } from 'lru-cache';

/** One entry held in memory: the JSON text and what decides whether it may still be served. */
export interface TierEntry {
  readonly json: string;
  /** Epoch and sequence number of the ticket it was stored under. */
  readonly epoch: string;
  readonly seq: number;
  /** Clock time (ms) after which it is never served. */
  readonly expiresAt: number;
  readonly scopes: readonly string[];
}

/** The memory tier. */
export interface MemoryTier {
  get(key: string): TierEntry | undefined;
  set(key: string, entry: TierEntry): void;
  delete(key: string): void;
  clear(): void;
  /** Bytes held (approximately). */
  bytes(): number;
}

/** Per-entry bookkeeping beyond the text: the LRU's own node and our fields, roughly. */
const ENTRY_OVERHEAD_BYTES = 96;

/**
 * Creates a tier of at most `maxBytes` (0: a tier that holds nothing). Sizes
 * are counted as characters of the JSON text, key and scopes plus a fixed
 * overhead: JSON from upstream is ASCII, which V8 keeps at one byte per
 * character. `onEvict` hears of entries dropped to make room.
 */
export function createMemoryTier(maxBytes: number, onEvict?: (count: number) => void): MemoryTier {
  if (maxBytes === 0) {
    return { get: () => undefined, set: () => undefined, delete: () => undefined, clear: () => undefined, bytes: () => 0 };
  }
  const lru = new LRUCache<string, TierEntry>({
    maxSize: maxBytes,
    sizeCalculation: (entry, key) => entry.json.length + key.length + entry.scopes.reduce((sum, scope) => sum + scope.length + 8, 0) + ENTRY_OVERHEAD_BYTES,
    dispose: (_entry, _key, reason) => {
      if (reason === 'evict') onEvict?.(1);
    },
  });
  return {
    get: (key) => lru.get(key),
    set: (key, entry) => {
      lru.set(key, entry);
    },
    delete: (key) => {
      lru.delete(key);
    },
    clear: () => lru.clear(),
    bytes: () => lru.calculatedSize,
  };
}
