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
  /** The source as embedded in an order loaded by this operation, without waiting; undefined when none was. */
  embeddedSource(id: string): UpstreamSource | undefined;
  /** Records an order's `payment` block: `charges` and `sources` answer from it before calling upstream. */
  primeFromOrder(order: UpstreamOrder): void;
}

/** An embedded charge or source and the order it came in, completed from the order only when asked for. */
interface Embedded<T> {
  raw: T;
  order: UpstreamOrder;
  completed?: T;
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
  // The owner check reads the customer's order ids (loaded beside the fetches,
  // once per operation), so another customer's charge and a missing one
  // (404) cost the same calls.
  const fullCharges = new DataLoader<string, UpstreamCharge>(observed(env, 'charges', (ids: readonly string[]) => guard.filterByOwner(
    mapWithConcurrency(ids, concurrency, fetchCharge),
    'Charge', (charge) => charge.id, (charge) => charge.orderId ?? null,
  )));
  // Embedded copies are kept as they came and completed on first use: a
  // 50-order page embeds ~150 charges and sources, and copying and priming
  // each one up front cost more than the few a query ever reads by id.
  const embeddedCharges = new Map<string, Embedded<UpstreamCharge>>();
  const embeddedSources = new Map<string, Embedded<UpstreamSource>>();
  // Embedded charges omit what is the same by definition as the parent's (quirk 30).
  const chargeFromOrder = (entry: Embedded<UpstreamCharge>): UpstreamCharge => {
    entry.completed ??= { ...entry.raw, orderId: entry.raw.orderId ?? String(entry.order.id), liveMode: entry.raw.liveMode ?? entry.order.liveMode };
    return entry.completed;
  };
  const sourceFromOrder = (entry: Embedded<UpstreamSource>): UpstreamSource => {
    entry.completed ??= {
      ...entry.raw,
      customerId: entry.raw.customerId ?? entry.order.customerId,
      liveMode: entry.raw.liveMode ?? entry.order.liveMode,
    };
    return entry.completed;
  };
  const charges = new DataLoader<string, UpstreamCharge>((ids) =>
    mapWithConcurrency(ids, concurrency, async (id) => {
      const embedded = embeddedCharges.get(id);
      return embedded === undefined ? fullCharges.load(id) : chargeFromOrder(embedded);
    }));
  const fetchSource = fetchOne<UpstreamSource>('sources', 'Source');
  // A source names no order; it is visible to the customer it belongs to.
  const sources = new DataLoader<string, UpstreamSource>(observed(env, 'sources', (ids: readonly string[]) =>
    mapWithConcurrency(ids, concurrency, async (id) => {
      const embedded = embeddedSources.get(id);
      if (embedded !== undefined) return sourceFromOrder(embedded);
      const source = await fetchSource(id);
      if (!canSeeOrder(guard.viewer, source.customerId)) throw new NotFoundError('Source', id);
      return source;
    })));

  return {
    charges,
    fullCharges,
    sources,
    isFullCharge: (charge) => fetched.has(charge),
    embeddedSource(id) {
      const embedded = embeddedSources.get(id);
      return embedded === undefined ? undefined : sourceFromOrder(embedded);
    },
    primeFromOrder(order) {
      // The first copy wins, as DataLoader's prime did.
      for (const charge of order.payment?.charges ?? []) {
        if (!embeddedCharges.has(charge.id)) embeddedCharges.set(charge.id, { raw: charge, order });
      }
      for (const source of order.payment?.sources ?? []) {
        if (!embeddedSources.has(source.id)) embeddedSources.set(source.id, { raw: source, order });
      }
    },
  };
}
