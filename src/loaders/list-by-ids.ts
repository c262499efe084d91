// Lists objects by `?ids=` and lines them up with the keys: the batch function every by-id loader shares.
import { NotFoundError } from '../errors/graphql-errors';
import type { CallContext, UpstreamClient } from '../upstream/client';
import { listAll } from '../upstream/paginate';
import type { UpstreamCollection, UpstreamQuery } from '../upstream/types';
import { alignToKeys } from './align-to-keys';

/**
 * Fetches `ids` through `GET /{collection}?ids=…`, stopping as soon as every
 * id is found (quirk 6: `hasMore` may still be true), and returns one entry
 * per id with a NOT_FOUND error for ids upstream does not have. `scope` adds
 * filters (a customer's `customerId`) so that upstream leaves out, rather than
 * sends, what the caller may not see.
 */
export async function listByIds<T extends { id: string | number }>(
  client: UpstreamClient,
  collection: UpstreamCollection,
  kind: string,
  ids: readonly string[],
  context: CallContext,
  scope: UpstreamQuery = {},
): Promise<Array<T | Error>> {
  const wanted = new Set(ids);
  const found = await listAll<T>(client, collection, { ...scope, ids }, context, {
    isComplete: (items) => items.filter((item) => wanted.has(String(item.id))).length >= wanted.size,
  });
  return alignToKeys(ids, found, (item) => String(item.id), (id) => new NotFoundError(kind, id));
}
