// Enforces customer scoping where data is loaded: every object is reached through the order that owns it.
import type DataLoader from 'dataloader';

import { type Viewer, canSeeOrder } from '../auth/viewer';
import { NotFoundError } from '../errors/graphql-errors';
import type { UpstreamOrder } from '../upstream/types';

/**
 * Filters loaded objects by the viewer's scope. For an admin every check is
 * free (no call); for a customer an object is visible only when its owning
 * order is, and an invisible one reads exactly like a missing one (NOT_FOUND).
 */
export interface ScopeGuard {
  readonly viewer: Viewer;
  /** True when the viewer may see this order object (checked before it primes anything). */
  canSeeOrderObject(order: UpstreamOrder): boolean;
  /**
   * Replaces each loaded item whose owning order the viewer may not see with a
   * NotFoundError. `ownerOf` may itself load (e.g. a cancellation without
   * upstreamId is owned through its fulfillment order).
   */
  filterByOwner<T>(
    results: ReadonlyArray<T | Error>,
    kind: string,
    idOf: (item: T) => string,
    ownerOf: (item: T) => Promise<string | null> | string | null,
  ): Promise<Array<T | Error>>;
  /** Resolves when the viewer may see the order, else rejects with NotFoundError for `kind`/`id`. */
  requireOrder(orderId: string | null, kind: string, id: string): Promise<void>;
}

/** Creates the guard over the (already scoped) order loader of the same operation. */
export function createScopeGuard(viewer: Viewer, orders: () => DataLoader<string, UpstreamOrder>): ScopeGuard {
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
    canSeeOrderObject: (order) => canSeeOrder(viewer, order.customerId),
    requireOrder,
    async filterByOwner(results, kind, idOf, ownerOf) {
      if (viewer.kind === 'admin') return [...results];
      return Promise.all(results.map(async (item) => {
        if (item instanceof Error) return item;
        try {
          await requireOrder(await ownerOf(item), kind, idOf(item));
          return item;
        } catch (error) {
          return error instanceof Error ? error : new Error(String(error));
        }
      }));
    },
  };
}
