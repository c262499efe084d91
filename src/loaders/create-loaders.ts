// Builds the loaders of one GraphQL operation (or one pushed event): nothing is cached across requests.
import type DataLoader from 'dataloader';

import type { CallContext, UpstreamClient } from '../upstream/client';
import type { UpstreamFulfillmentCancellation, UpstreamOrder, UpstreamPage, UpstreamQuery } from '../upstream/types';
import { createFulfillmentCancellationLoaders, type FulfillmentCancellationLoaders } from './fulfillment-cancellation.loader';
import { createFulfillmentOrderLoaders, type FulfillmentOrderLoaders } from './fulfillment-order.loader';
import { createFulfillmentLoaders, type FulfillmentLoaders } from './fulfillment.loader';
import { createOrderLoader } from './order.loader';
import { createPaymentLoaders, type PaymentLoaders } from './payment.loader';

/** Every loader a resolver may use. */
export interface Loaders {
  orders: DataLoader<string, UpstreamOrder>;
  fulfillmentOrders: FulfillmentOrderLoaders;
  fulfillmentCancellations: FulfillmentCancellationLoaders;
  fulfillments: FulfillmentLoaders;
  payments: PaymentLoaders;
  /** Records orders that arrived another way (an event), priming every loader they feed. */
  primeOrderObjects(orders: readonly UpstreamOrder[]): void;
  /** One page of `GET /orders`; every order on it primes the loaders it feeds. */
  orderPage(query: UpstreamQuery): Promise<UpstreamPage<UpstreamOrder>>;
  /** One page of `GET /fulfillment-cancellations`; every cancellation on it primes the by-id loader. */
  fulfillmentCancellationPage(query: UpstreamQuery): Promise<UpstreamPage<UpstreamFulfillmentCancellation>>;
}

/** Settings of {@link createLoaders}. */
export interface LoaderOptions {
  /** Bound on concurrent single-object calls (charges, sources, fulfillments by order). */
  fetchConcurrency: number;
}

/**
 * Creates fresh loaders for one operation. Never share them between requests:
 * DataLoader's cache would serve one caller's objects to another.
 */
export function createLoaders(client: UpstreamClient, context: CallContext, options: LoaderOptions): Loaders {
  const payments = createPaymentLoaders(client, context, options.fetchConcurrency);
  const orders = createOrderLoader(client, context, (order) => payments.primeFromOrder(order));
  const fulfillmentCancellations = createFulfillmentCancellationLoaders(client, context);
  return {
    orders,
    fulfillmentOrders: createFulfillmentOrderLoaders(client, context),
    fulfillmentCancellations,
    fulfillments: createFulfillmentLoaders(client, context, options.fetchConcurrency),
    payments,
    primeOrderObjects(list) {
      for (const order of list) {
        orders.prime(String(order.id), order);
        payments.primeFromOrder(order);
      }
    },
    async orderPage(query) {
      const page = await client.list<UpstreamOrder>('orders', query, context);
      this.primeOrderObjects(page.data);
      return page;
    },
    async fulfillmentCancellationPage(query) {
      const page = await client.list<UpstreamFulfillmentCancellation>('fulfillment-cancellations', query, context);
      for (const item of page.data) fulfillmentCancellations.byId.prime(item.id, item);
      return page;
    },
  };
}
