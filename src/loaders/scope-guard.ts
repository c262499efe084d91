// Enforces customer scoping where data is loaded: every object is reached through the order that owns it.
import type DataLoader from 'dataloader';

import { type Viewer, canSeeOrder } from '../auth/viewer';
import { NotFoundError } from '../errors/graphql-errors';
import type { UpstreamOrder } from '../upstream/types';
import type { CustomerScope } from './customer-scope';

/**
 * Filters loaded objects by the viewer's scope. For an admin every check is
 * free (no call); for a customer an object is visible only when its owning
 * order is, and an invisible one reads exactly like a missing one: the same
 * NOT_FOUND error and the same upstream calls (see {@link filterByOwner}).
 */
export interface ScopeGuard {
  readonly viewer: Viewer;
  /** What the customer owns; undefined for an admin, who sees everything. */
  readonly scope: CustomerScope | undefined;
  /** True when the viewer may see this order object (checked before it primes anything). */
  canSeeOrderObject(order: UpstreamOrder): boolean;
  /**
   * Replaces each loaded item whose owning order the viewer may not see with a
   * NotFoundError. `ownerOf` names an item's order (it may itself read the
   * scope: a cancellation without upstreamId is owned through its fulfillment
   * order). `results` may still be loading: for a customer the scope loads
   * beside it, and it loads whether or not anything was found, so a missing id
   * and another customer's object cost the same calls.
   */
  filterByOwner<T>(
    results: ReadonlyArray<T | Error> | Promise<ReadonlyArray<T | Error>>,
    kind: string,
    idOf: (item: T) => string,
    ownerOf: (item: T) => Promise<string | null> | string | null,
  ): Promise<Array<T | Error>>;
  /**
   * Resolves when the viewer may see the order, else rejects with NotFoundError
   * for `kind`/`id`. Goes through the order loader: meant for orders reached
   * from an order the viewer already saw (then it costs no call), not for ids
   * a customer typed (use {@link filterByOwner}).
   */
  requireOrder(orderId: string | null, kind: string, id: string): Promise<void>;
}

/**
 * Kinds whose owner may only be known through a fulfillment order: a
 * cancellation filed without upstreamId. Their check always loads the
 * customer's fulfillment orders too, found or not, so the calls a check makes
 * never tell whether the object exists or whether it carries an upstreamId.
 */
const OWNED_THROUGH_FULFILLMENT_ORDERS: ReadonlySet<string> = new Set(['FulfillmentCancellation']);

/** Creates the guard over the (already scoped) order loader of the same operation. */
export function createScopeGuard(viewer: Viewer, scope: CustomerScope | undefined, orders: () => DataLoader<string, UpstreamOrder>): ScopeGuard {
  const requireOrder = async (orderId: string | null, kind: string, id: string): Promise<void> => {
    if (viewer.kind === 'admin') return;
    if (orderId === null) throw new NotFoundError(kind, id);
    try {
      await orders().load(orderId);
    } catch (error) {
      if (error instanceof NotFoundError) throw new NotFoundError(kind, id);
      throw error;
    }
  };
  return {
    viewer,
    scope,
    canSeeOrderObject: (order) => canSeeOrder(viewer, order.customerId),
    requireOrder,
    async filterByOwner(results, kind, idOf, ownerOf) {
      if (scope === undefined) return [...await results];
      const [loaded, owned] = await Promise.all([
        results,
        scope.orderIds(),
        OWNED_THROUGH_FULFILLMENT_ORDERS.has(kind) ? scope.fulfillmentOrderOwners() : undefined,
      ]);
      return Promise.all(loaded.map(async (item) => {
        if (item instanceof Error) return item;
        try {
          const owner = await ownerOf(item);
          return owner !== null && owned.has(owner) ? item : new NotFoundError(kind, idOf(item));
        } catch (error) {
          return error instanceof Error ? error : new Error(String(error));
        }
      }));
    },
  };
}
