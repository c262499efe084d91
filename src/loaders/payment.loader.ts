// Charges and sources: primed from the order's embedded payment block, else from the shared cache or fetched one by one (bounded).
import DataLoader from 'dataloader';

import { NotFoundError } from '../errors/graphql-errors';
import { UpstreamError } from '../upstream/errors';
import type { UpstreamCharge, UpstreamOrder, UpstreamSource } from '../upstream/types';
import { canSeeOrder } from '../auth/viewer';
import { orderScope, sourceScope } from '../upstream/shared-cache';
import { mapWithConcurrency } from './map-with-concurrency';
import { type LoaderEnv, observed } from './loader-env';
import { ownedByViewer, throughCache } from './through-cache';

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
  const chargeId = (charge: UpstreamCharge): string => charge.id;
  const chargeOwner = (charge: UpstreamCharge): string | null => charge.orderId ?? null;
  // The owner check reads the customer's order ids (loaded beside the fetches,
  // once per operation), so another customer's charge and a missing one
  // (404) cost the same calls.
  const fullCharges = new DataLoader<string, UpstreamCharge>(observed(env, 'charges', (ids: readonly string[]) => guard.filterByOwner(
    throughCache<UpstreamCharge>(env, {
      kind: 'charge',
      keys: ids,
      fetch: (keys) => mapWithConcurrency(keys, concurrency, fetchCharge),
      // One that names no order is not cached: no order event could reach it.
      scopesOf: (_id, charge) => (charge.orderId === undefined ? null : [orderScope(String(charge.orderId))]),
      usable: ownedByViewer(guard, 'Charge', chargeId, chargeOwner),
    }).then((loaded) => {
      // A cached charge is as full as the one fetched to cache it.
      for (const charge of loaded) if (!(charge instanceof Error)) fetched.add(charge);
      return loaded;
    }),
    'Charge', chargeId, chargeOwner,
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
  // A source names no order; it is visible to the customer it belongs to. One
  // embedded in an order this operation loaded needs no lookup; the others
  // come from the shared cache or `GET /sources/{id}`.
  const visibleSource = (id: string, source: UpstreamSource): UpstreamSource | Error =>
    (canSeeOrder(guard.viewer, source.customerId) ? source : new NotFoundError('Source', id));
  const sources = new DataLoader<string, UpstreamSource>(observed(env, 'sources', async (ids: readonly string[]) => {
    const alone = ids.filter((id) => !embeddedSources.has(id));
    const loaded = alone.length === 0 ? [] : await throughCache<UpstreamSource>(env, {
      kind: 'source',
      keys: alone,
      fetch: (keys) => mapWithConcurrency(keys, concurrency, fetchSource),
      scopesOf: (id) => [sourceScope(id)],
      usable: guard.viewer.kind === 'admin' ? undefined : async (hits) => hits.map(({ value }) => canSeeOrder(guard.viewer, value.customerId)),
    });
    const byId = new Map(alone.map((id, index) => [id, loaded[index] as UpstreamSource | Error]));
    return ids.map((id) => {
      const embedded = embeddedSources.get(id);
      if (embedded !== undefined) return sourceFromOrder(embedded);
      const source = byId.get(id) as UpstreamSource | Error;
      return source instanceof Error ? source : visibleSource(id, source);
    });
  }));

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
