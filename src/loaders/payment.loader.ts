// Charges and sources: primed from the order's embedded payment block, fetched one by one (bounded) only when not primed.
import DataLoader from 'dataloader';

import { NotFoundError } from '../errors/graphql-errors';
import type { CallContext, UpstreamClient } from '../upstream/client';
import { UpstreamError } from '../upstream/errors';
import type { UpstreamCharge, UpstreamOrder, UpstreamSource } from '../upstream/types';
import { mapWithConcurrency } from './map-with-concurrency';

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

export function createPaymentLoaders(client: UpstreamClient, context: CallContext, concurrency: number): PaymentLoaders {
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
  const fullCharges = new DataLoader<string, UpstreamCharge>((ids) =>
    mapWithConcurrency(ids, concurrency, fetchOne<UpstreamCharge>('charges', 'Charge')));
  const charges = new DataLoader<string, UpstreamCharge>((ids) =>
    mapWithConcurrency(ids, concurrency, (id) => fullCharges.load(id)));
  const sources = new DataLoader<string, UpstreamSource>((ids) =>
    mapWithConcurrency(ids, concurrency, fetchOne<UpstreamSource>('sources', 'Source')));

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
