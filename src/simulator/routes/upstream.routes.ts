// The list of every upstream route the simulator serves, collection by collection.

import type { Route } from '../router';
import { chargeRoutes } from './charges.routes';
import { eventRoutes } from './events.routes';
import { fulfillmentCancellationRoutes } from './fulfillment-cancellations.routes';
import { fulfillmentOrderRoutes } from './fulfillment-orders.routes';
import { fulfillmentRoutes } from './fulfillments.routes';
import { orderRoutes } from './orders.routes';
import { sourceRoutes } from './sources.routes';
import { webhookRoutes } from './webhooks.routes';

/** All upstream routes; a collection's write routes belong in its own file's array. */
export const upstreamRoutes: readonly Route[] = [
  ...orderRoutes,
  ...chargeRoutes,
  ...sourceRoutes,
  ...fulfillmentRoutes,
  ...fulfillmentOrderRoutes,
  ...fulfillmentCancellationRoutes,
  ...eventRoutes,
  ...webhookRoutes,
];
