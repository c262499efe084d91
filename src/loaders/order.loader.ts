// Orders by id through the shared cache, then `GET /orders?ids=…`, 100 per call, every page followed.
import DataLoader from 'dataloader';

import { UPSTREAM_PAGE_LIMIT } from '../upstream/paginate';
import { orderScope } from '../upstream/shared-cache';
import type { UpstreamOrder } from '../upstream/types';
import { NotFoundError } from '../errors/graphql-errors';
import { listByIds } from './list-by-ids';
import { type LoaderEnv, observed } from './loader-env';
import { throughCache } from './through-cache';

/**
 * Creates the per-request order loader. An order the viewer may not see is a
 * NotFoundError in its slot, and only visible orders reach `onLoaded` (which
 * primes their embedded charges and sources), so nothing of another
 * customer's order is ever cached for this request. A cached order (with its
 * embedded payment) serves only a viewer who may see it; for anyone else it
 * is asked of upstream like a missing one.
 */
export function createOrderLoader(env: LoaderEnv, onLoaded: (order: UpstreamOrder) => void): DataLoader<string, UpstreamOrder> {
  return new DataLoader<string, UpstreamOrder>(
    observed(env, 'orders', async (ids: readonly string[]) => {
      // A customer's lookup is filtered by their customerId upstream too: another
      // customer's order is then never even read (and reads like a missing one).
      const guard = env.guard();
      const { viewer } = guard;
      const scope = viewer.kind === 'customer' ? { customerId: viewer.customerId } : {};
      const orders = await throughCache<UpstreamOrder>(env, {
        kind: 'order',
        keys: ids,
        fetch: (keys) => listByIds<UpstreamOrder>(env.client, 'orders', 'Order', keys, env.context, scope),
        scopesOf: (id) => [orderScope(id)],
        usable: viewer.kind === 'admin' ? undefined : async (hits) => hits.map(({ value }) => guard.canSeeOrderObject(value)),
      });
      return orders.map((order, index) => {
        if (order instanceof Error) return order;
        if (!guard.canSeeOrderObject(order)) return new NotFoundError('Order', ids[index] as string);
        onLoaded(order);
        return order;
      });
    }),
    { maxBatchSize: UPSTREAM_PAGE_LIMIT },
  );
}
