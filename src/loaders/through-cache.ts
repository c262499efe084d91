// Runs a batch through the shared cache: cached answers first, one upstream fetch for the misses, what was fetched stored for later requests.
import type { CacheKind, CacheScope } from '../upstream/shared-cache';
import type { LoaderEnv } from './loader-env';
import type { ScopeGuard } from './scope-guard';

/** One batch as {@link throughCache} runs it. */
export interface CachedBatch<T> {
  kind: CacheKind;
  /** The batch's keys (DataLoader's), in order. */
  keys: readonly string[];
  /** Fetches the keys the cache did not answer, in one go: one entry per key, in their order, an Error in a failed key's slot. */
  fetch(keys: readonly string[]): Promise<Array<T | Error>>;
  /** The scopes whose invalidation makes this answer stale; null: never cache it. */
  scopesOf(key: string, value: T): readonly CacheScope[] | null;
  /**
   * Which cached answers this viewer may be given. One refused is fetched like
   * a miss instead, so another customer's cached object costs the calls and
   * reports the cache hits a missing id does. Absent: every answer is usable.
   */
  usable?: ((hits: ReadonlyArray<{ key: string; value: T }>) => Promise<readonly boolean[]>) | undefined;
}

/**
 * Answers every key: from the cache when it holds a usable answer, else from
 * `fetch`, called once with every other key. Fetched answers are stored under
 * the ticket the cache read handed out before the fetch started; Errors are
 * never stored. Without a cache (or with it off) this is `fetch(keys)`.
 * Rejects only when `fetch` does.
 */
export async function throughCache<T>(env: LoaderEnv, batch: CachedBatch<T>): Promise<Array<T | Error>> {
  const { cache } = env;
  if (cache === undefined || !cache.enabled) return batch.fetch(batch.keys);
  const { keys } = batch;
  const read = await cache.read(batch.kind, keys);
  const results = new Array<T | Error | undefined>(keys.length).fill(undefined);
  const found: Array<{ index: number; key: string; value: T }> = [];
  read.hits.forEach((text, index) => {
    if (text === undefined) return;
    try {
      found.push({ index, key: keys[index] as string, value: JSON.parse(text) as T });
    } catch {
      // A text that does not parse is a miss: fetched again, and overwritten.
    }
  });
  const verdicts = batch.usable !== undefined && found.length > 0 ? await batch.usable(found) : undefined;
  let used = 0;
  found.forEach((hit, position) => {
    if (verdicts !== undefined && verdicts[position] !== true) return;
    results[hit.index] = hit.value;
    used += 1;
  });
  const missing: number[] = [];
  results.forEach((result, index) => {
    if (result === undefined) missing.push(index);
  });
  if (missing.length > 0) {
    const missingKeys = missing.map((index) => keys[index] as string);
    const fetched = await batch.fetch(missingKeys);
    const entries: Array<{ key: string; value: T; scopes: readonly CacheScope[] }> = [];
    fetched.forEach((value, position) => {
      const key = missingKeys[position] as string;
      results[missing[position] as number] = value;
      if (value instanceof Error || read.ticket === undefined) return;
      const scopes = batch.scopesOf(key, value);
      if (scopes !== null) entries.push({ key, value, scopes });
    });
    if (read.ticket !== undefined && entries.length > 0) cache.write(read.ticket, batch.kind, entries);
  }
  if (used > 0) env.onCacheHits?.(used);
  return results as Array<T | Error>;
}

/**
 * The `usable` rule of a by-id batch whose objects a customer sees only
 * through their owning order: the guard's own check, applied to the cached
 * answers. Undefined for an admin, who may be given everything.
 */
export function ownedByViewer<T>(
  guard: ScopeGuard,
  kind: string,
  idOf: (item: T) => string,
  ownerOf: (item: T) => Promise<string | null> | string | null,
): CachedBatch<T>['usable'] {
  if (guard.scope === undefined) return undefined;
  return async (hits) => (await guard.filterByOwner(hits.map((hit) => hit.value), kind, idOf, ownerOf)).map((item) => !(item instanceof Error));
}
