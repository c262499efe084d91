// Follows upstream's cursor paging (hasMore / startingAfter) so a list is never silently truncated.
import type { CallContext, UpstreamClient } from './client';
import { UpstreamProtocolError } from './errors';
import type { UpstreamCollection, UpstreamQuery } from './types';

/** Largest page upstream serves (§1.9). */
export const UPSTREAM_PAGE_LIMIT = 100;

/** A page-count bound that only a broken upstream reaches; past it the call fails instead of truncating. */
const MAX_PAGES = 1_000;

/** Options of {@link listAll}. */
export interface ListAllOptions<T> {
  /**
   * Stops early when this returns true for everything gathered so far: a
   * lookup by `ids` is complete once every id is found, even when upstream
   * still says `hasMore` (quirk 6).
   */
  isComplete?: (items: readonly T[]) => boolean;
}

/**
 * Lists every object matching `query`, 100 per page, following `hasMore` with
 * `startingAfter=<last id>`. Rejects with the first upstream failure; never
 * returns a partial list.
 */
export async function listAll<T extends { id: string | number }>(
  client: UpstreamClient,
  collection: UpstreamCollection,
  query: UpstreamQuery,
  context: CallContext,
  options: ListAllOptions<T> = {},
): Promise<T[]> {
  const items: T[] = [];
  let startingAfter: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const result = await client.list<T>(collection, { ...query, limit: UPSTREAM_PAGE_LIMIT, startingAfter }, context);
    for (const item of result.data) items.push(item);
    if (!result.hasMore || options.isComplete?.(items) === true) return items;
    const last = result.data[result.data.length - 1];
    if (last === undefined) {
      throw new UpstreamProtocolError({ method: 'GET', path: `/${collection}` }, 'hasMore is true on an empty page');
    }
    startingAfter = String(last.id);
  }
  throw new UpstreamProtocolError({ method: 'GET', path: `/${collection}` }, `more than ${MAX_PAGES} pages`);
}
