// Fulfillment cancellations by id (`?ids=`), by order (`?upstreamIds=`, 100 keys per call) and by fulfillment order (`?fulfillmentOrderId=`), through the shared cache, every page followed.
import DataLoader from 'dataloader';

import { UPSTREAM_PAGE_LIMIT, listAll } from '../upstream/paginate';
import { fulfillmentOrderScope, orderScope } from '../upstream/shared-cache';
import type { UpstreamFulfillmentCancellation } from '../upstream/types';
import { settleChecked, toError } from './align-to-keys';
import { orderVisibility, visibleOrders } from './fulfillment-order.loader';
import { listByIds } from './list-by-ids';
import { listByOrderIds } from './list-by-order';
import { type LoaderEnv, observed } from './loader-env';
import { mapWithConcurrency } from './map-with-concurrency';
import { ownedByViewer, throughCache } from './through-cache';

type Cancellation = UpstreamFulfillmentCancellation;

/**
 * The cancellation loaders. Upstream can list cancellations by order
 * (`upstreamIds`, many orders per call) but only finds those filed with that
 * order id as `upstreamId`; by fulfillment order (`fulfillmentOrderId`) it
 * finds every one, but takes a single id per call. {@link ofFulfillmentOrder}
 * picks between the two.
 */
export interface FulfillmentCancellationLoaders {
  byId: DataLoader<string, Cancellation>;
  /**
   * Cancellations filed with this order id as `upstreamId`, 100 orders per
   * call. A failed call fails the keys of its batch and is not made again in
   * the same operation.
   */
  byOrderId: DataLoader<string, Cancellation[]>;
  /**
   * An order's cancellations once `byOrderId` has them, without waiting;
   * undefined before. Every fulfillment order and item of an order page asks,
   * mostly after the load finished, and a ready answer costs no promise.
   */
  loadedByOrderId(orderId: string): readonly Cancellation[] | undefined;
  /**
   * Every cancellation of one fulfillment order, whatever `upstreamId` it was
   * filed under (or none): one call per fulfillment order (pages followed), at
   * most `concurrency` at once, once per operation. Rejects with NOT_FOUND
   * when the viewer may not see `orderId`, the order that owns it.
   */
  byFulfillmentOrder(fulfillmentOrderId: string, orderId: string | null): Promise<readonly Cancellation[]>;
  /**
   * Says that this order's fulfillment orders are listed together
   * (Order.fulfillmentOrders): their cancellations then come from the one
   * order-wide load instead of one call each (see {@link ofFulfillmentOrder}).
   */
  listWithOrder(orderId: string): void;
  /**
   * Every cancellation of a fulfillment order, the same list for every field
   * of one operation that asks:
   * - listed with its order ({@link listWithOrder}): the order-wide load's, as
   *   long as they account for the units its items have in `cancelled`
   *   (`cancelledPerItem`, item id → units, zero entries left out); units
   *   cancelled beyond what they accepted mean cancellations filed under
   *   another `upstreamId` (or none), or a fulfillment's `cancelQuantity`, and
   *   only then is the fulfillment order read by itself. Pending and rejected
   *   cancellations move no unit, so one filed under another `upstreamId`
   *   stays unseen here until it is accepted;
   * - reached by itself (by id, from a cancellation, in a mutation): read by
   *   `fulfillmentOrderId`, which is complete and costs one call, like the
   *   order-wide load it replaces.
   *
   * Returns the list at once when it is known, else a promise of it; a failed
   * load rejects (never an empty list).
   */
  ofFulfillmentOrder(
    fulfillmentOrderId: string,
    orderId: string | null,
    cancelledPerItem: ReadonlyMap<string, number>,
  ): readonly Cancellation[] | Promise<readonly Cancellation[]>;
}

const NONE: readonly Cancellation[] = Object.freeze([]);

export function createFulfillmentCancellationLoaders(
  env: LoaderEnv,
  ownerOf: (cancellation: Cancellation) => Promise<string | null>,
): FulfillmentCancellationLoaders {
  const { client, context, concurrency } = env;
  const guard = env.guard();
  const idOf = (item: Cancellation): string => item.id;
  const byId = new DataLoader<string, Cancellation>(
    observed(env, 'fulfillmentCancellations.byId', async (ids: readonly string[]) => guard.filterByOwner(
      await throughCache<Cancellation>(env, {
        kind: 'cancellation',
        keys: ids,
        fetch: (keys) => listByIds<Cancellation>(client, 'fulfillment-cancellations', 'FulfillmentCancellation', keys, context),
        // Its fulfillment order's scope always: every event about it names that fulfillment order, not always its order.
        scopesOf: (_id, item) => [
          fulfillmentOrderScope(String(item.fulfillmentOrderId)),
          ...(item.upstreamId === undefined ? [] : [orderScope(String(item.upstreamId))]),
        ],
        usable: ownedByViewer(guard, 'FulfillmentCancellation', idOf, ownerOf),
      }),
      'FulfillmentCancellation', idOf, ownerOf,
    )),
    { maxBatchSize: UPSTREAM_PAGE_LIMIT },
  );

  const loaded = new Map<string, Cancellation[]>();
  const byOrderId = new DataLoader<string, Cancellation[]>(
    observed(env, 'fulfillmentCancellations.byOrderId', async (orderIds: readonly string[]) => {
      // The order checks run beside the cache read and the list call.
      const checks = Promise.all(orderIds.map((orderId) => orderVisibility(guard, orderId)));
      const groups = await throughCache<Cancellation[]>(env, {
        kind: 'cancellationsOfOrder',
        keys: orderIds,
        fetch: (keys) => listByOrderIds<Cancellation>(client, 'fulfillment-cancellations', keys, context),
        // Every member names this order as upstreamId, so every event about one of them names the order.
        scopesOf: (orderId) => [orderScope(orderId)],
        usable: visibleOrders(guard, orderIds, checks),
      });
      const visibility = await checks;
      return groups.map((group, index) => {
        if (group instanceof Error) return group;
        const visible = visibility[index];
        if (visible instanceof Error) return visible;
        const orderId = orderIds[index] as string;
        const shown = visible === true ? group : [];
        for (const item of shown) byId.prime(item.id, item);
        loaded.set(orderId, shown);
        return shown;
      });
    }),
    { maxBatchSize: UPSTREAM_PAGE_LIMIT },
  );

  const ownerOfFulfillmentOrder = new Map<string, string | null>();
  // `GET /fulfillment-cancellations` filters by a single `fulfillmentOrderId`
  // (§8.1), so each key is its own call; concurrency is bounded to spare the
  // rate budget.
  const byFulfillmentOrderId = new DataLoader<string, Cancellation[]>(
    observed(env, 'fulfillmentCancellations.byFulfillmentOrderId', async (fulfillmentOrderIds: readonly string[]) => {
      // The owner checks run beside the cache read and the calls; a refused one fails its key (NOT_FOUND).
      const checks = Promise.all(fulfillmentOrderIds.map((fulfillmentOrderId) =>
        guard.requireOrder(ownerOfFulfillmentOrder.get(fulfillmentOrderId) ?? null, 'FulfillmentOrder', fulfillmentOrderId).then(() => true as const, toError)));
      const lists = await throughCache<Cancellation[]>(env, {
        kind: 'cancellationsOfFulfillmentOrder',
        keys: fulfillmentOrderIds,
        fetch: (keys) => mapWithConcurrency(keys, concurrency, async (fulfillmentOrderId) =>
          (await listAll<Cancellation>(client, 'fulfillment-cancellations', { fulfillmentOrderId }, context))
            .filter((item) => String(item.fulfillmentOrderId) === fulfillmentOrderId)),
        // Every event about a member names this fulfillment order; its order too, when known.
        scopesOf: (fulfillmentOrderId) => {
          const orderId = ownerOfFulfillmentOrder.get(fulfillmentOrderId) ?? null;
          return [fulfillmentOrderScope(fulfillmentOrderId), ...(orderId === null ? [] : [orderScope(orderId)])];
        },
        usable: guard.scope === undefined ? undefined : async (hits) => {
          const checked = await checks;
          return hits.map(({ key }) => checked[fulfillmentOrderIds.indexOf(key)] === true);
        },
      });
      return settleChecked(lists, await checks, (item) => byId.prime(item.id, item));
    }),
    { maxBatchSize: UPSTREAM_PAGE_LIMIT },
  );
  const byFulfillmentOrder = (fulfillmentOrderId: string, orderId: string | null): Promise<readonly Cancellation[]> => {
    if (!ownerOfFulfillmentOrder.has(fulfillmentOrderId)) ownerOfFulfillmentOrder.set(fulfillmentOrderId, orderId);
    return byFulfillmentOrderId.load(fulfillmentOrderId);
  };

  const listedWithOrder = new Set<string>();
  const groupedByOrder = new Map<string, Map<string, Cancellation[]>>();
  const groupOf = (orderId: string, all: readonly Cancellation[]): Map<string, Cancellation[]> => {
    let grouped = groupedByOrder.get(orderId);
    if (grouped === undefined) {
      grouped = new Map();
      for (const cancellation of all) {
        const key = String(cancellation.fulfillmentOrderId);
        const group = grouped.get(key);
        if (group === undefined) grouped.set(key, [cancellation]);
        else group.push(cancellation);
      }
      groupedByOrder.set(orderId, grouped);
    }
    return grouped;
  };
  const fromOrderWide = (
    fulfillmentOrderId: string,
    orderId: string,
    all: readonly Cancellation[],
    cancelledPerItem: ReadonlyMap<string, number>,
  ): readonly Cancellation[] | Promise<readonly Cancellation[]> => {
    const own = groupOf(orderId, all).get(fulfillmentOrderId) ?? NONE;
    return accountsFor(own, cancelledPerItem) ? own : byFulfillmentOrder(fulfillmentOrderId, orderId);
  };

  // One answer per fulfillment order and operation, kept once known (a failure too).
  const settled = new Map<string, readonly Cancellation[]>();
  const inFlight = new Map<string, Promise<readonly Cancellation[]>>();
  const remember = (
    fulfillmentOrderId: string,
    result: readonly Cancellation[] | Promise<readonly Cancellation[]>,
  ): readonly Cancellation[] | Promise<readonly Cancellation[]> => {
    if (!(result instanceof Promise)) {
      settled.set(fulfillmentOrderId, result);
      return result;
    }
    const promise = result.then((list) => {
      settled.set(fulfillmentOrderId, list);
      inFlight.delete(fulfillmentOrderId);
      return list;
    });
    inFlight.set(fulfillmentOrderId, promise);
    return promise;
  };

  return {
    byId,
    byOrderId,
    loadedByOrderId: (orderId) => loaded.get(orderId),
    byFulfillmentOrder,
    listWithOrder: (orderId) => {
      listedWithOrder.add(orderId);
    },
    ofFulfillmentOrder(fulfillmentOrderId, orderId, cancelledPerItem) {
      const known = settled.get(fulfillmentOrderId) ?? inFlight.get(fulfillmentOrderId);
      if (known !== undefined) return known;
      if (orderId === null || !listedWithOrder.has(orderId)) return remember(fulfillmentOrderId, byFulfillmentOrder(fulfillmentOrderId, orderId));
      const all = loaded.get(orderId);
      if (all !== undefined) return remember(fulfillmentOrderId, fromOrderWide(fulfillmentOrderId, orderId, all, cancelledPerItem));
      return remember(fulfillmentOrderId, byOrderId.load(orderId).then((list) => fromOrderWide(fulfillmentOrderId, orderId, list, cancelledPerItem)));
    },
  };
}

// Private: true when the accepted units of `cancellations` cover every item's cancelled units.
function accountsFor(cancellations: readonly Cancellation[], cancelledPerItem: ReadonlyMap<string, number>): boolean {
  if (cancelledPerItem.size === 0) return true;
  const accepted = new Map<string, number>();
  for (const cancellation of cancellations) {
    if (cancellation.state !== 'accepted') continue;
    for (const line of cancellation.items ?? []) {
      const itemId = String(line.fulfillmentOrderItemId);
      accepted.set(itemId, (accepted.get(itemId) ?? 0) + (line.quantityAccepted ?? 0));
    }
  }
  for (const [itemId, units] of cancelledPerItem) if (units > (accepted.get(itemId) ?? 0)) return false;
  return true;
}

