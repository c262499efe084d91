// Charges and sources: primed from the order's embedded payment block, fetched one by one (bounded) only when not primed.
import DataLoader from 'dataloader';

import { NotFoundError } from '../errors/graphql-errors';
import { UpstreamError } from '../upstream/errors';
import type { UpstreamCharge, UpstreamOrder, UpstreamSource } from '../upstream/types';
import { canSeeOrder } from '../auth/viewer';
import { mapWithConcurrency } from './map-with-concurrency';
import { type LoaderEnv, observed } from './loader-env';

export interface PaymentLoaders {
  /** A charge as the graph needs it: the embedded copy when the order was loaded, else `GET /charges/{id}`. */
  charges: DataLoader<string, UpstreamCharge>;
  /** Always `GET /charges/{id}`: only the full charge carries refund ids and operation failure messages. */
  fullCharges: DataLoader<string, UpstreamCharge>;
  /** A source: the embedded copy when the order was loaded, else `GET /sources/{id}`. */
  sources: DataLoader<string, UpstreamSource>;
  /** True for a charge that came from `GET /charges/{id}` (not an embedded copy). */
  isFullCharge(charge: UpstreamCharge): boolean;
  /** Primes `charges` and `sources` from an order's `payment` block. */
  primeFromOrder(order: UpstreamOrder): void;
}

export function createPaymentLoaders(env: LoaderEnv): PaymentLoaders {
  const { client, context, concurrency } = env;
  const guard = env.guard();
  const fetched = new WeakSet<object>();
  const fetchOne = <T extends object>(collection: 'charges' | 'sources', kind: string) => async (id: string): Promise<T> => {
    try {
      const object = await client.get<T>(collection, id, context);
      fetched.add(object);
      return object;
    } catch (error) {
      if (error instanceof UpstreamError && error.status === 404) throw new NotFoundError(kind, id);
      throw error;
    }
  };
  const fetchCharge = fetchOne<UpstreamCharge>('charges', 'Charge');
  const fullCharges = new DataLoader<string, UpstreamCharge>(observed(env, 'charges', (ids: readonly string[]) =>
    mapWithConcurrency(ids, concurrency, async (id) => {
      const charge = await fetchCharge(id);
      await guard.requireOrder(charge.orderId ?? null, 'Charge', id);
      return charge;
    })));
  const charges = new DataLoader<string, UpstreamCharge>((ids) =>
    mapWithConcurrency(ids, concurrency, (id) => fullCharges.load(id)));
  const fetchSource = fetchOne<UpstreamSource>('sources', 'Source');
  // A source names no order; it is visible to the customer it belongs to.
  const sources = new DataLoader<string, UpstreamSource>(observed(env, 'sources', (ids: readonly string[]) =>
    mapWithConcurrency(ids, concurrency, async (id) => {
      const source = await fetchSource(id);
      if (!canSeeOrder(guard.viewer, source.customerId)) throw new NotFoundError('Source', id);
      return source;
    })));

  return {
    charges,
    fullCharges,
    sources,
    isFullCharge: (charge) => fetched.has(charge),
    primeFromOrder(order) {
      const orderId = String(order.id);
      for (const charge of order.payment?.charges ?? []) {
        // Embedded charges omit what is the same by definition as the parent's (quirk 30).
        charges.prime(charge.id, { ...charge, orderId: charge.orderId ?? orderId, liveMode: charge.liveMode ?? order.liveMode });
      }
      for (const source of order.payment?.sources ?? []) {
        sources.prime(source.id, {
          ...source,
          customerId: source.customerId ?? order.customerId,
          liveMode: source.liveMode ?? order.liveMode,
        });
      }
    },
  };
}
