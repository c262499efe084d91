// Lists the children of many orders by `?upstreamIds=` and groups them per order: the batch fetch the by-order loaders share.
import type { CallContext, UpstreamClient } from '../upstream/client';
import { listAll } from '../upstream/paginate';
import type { UpstreamCollection, UpstreamId } from '../upstream/types';
import { groupByKeys, toError } from './align-to-keys';

/**
 * Fetches every object of `collection` whose `upstreamId` is one of
 * `orderIds` (all pages) and returns one list per order id, in key order.
 * A failure is returned in every key's slot rather than thrown: DataLoader
 * keeps a per-key error cached, so every field that needs this batch reports
 * the one failure instead of asking upstream again.
 */
export function listByOrderIds<T extends { id: string | number; upstreamId?: UpstreamId | undefined }>(
  client: UpstreamClient,
  collection: UpstreamCollection,
  orderIds: readonly string[],
  context: CallContext,
): Promise<Array<T[] | Error>> {
  return listAll<T>(client, collection, { upstreamIds: orderIds }, context).then(
    (found) => groupByKeys(orderIds, found, (item) => (item.upstreamId === undefined ? undefined : String(item.upstreamId))),
    (error: unknown) => orderIds.map(() => toError(error)),
  );
}
