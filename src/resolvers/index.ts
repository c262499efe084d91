// The resolver classes handed to buildSchema.
import { ChargeOperationResolver, ChargeResolver } from './charge.resolver';
import { FulfillmentCancellationItemResolver, FulfillmentCancellationResolver } from './fulfillment-cancellation.resolver';
import { FulfillmentOrderItemResolver, FulfillmentOrderResolver } from './fulfillment-order.resolver';
import { FulfillmentItemResolver, FulfillmentResolver } from './fulfillment.resolver';
import { CreateFulfillmentCancellationResolver } from './create-fulfillment-cancellation.resolver';
import { CreateFulfillmentResolver } from './create-fulfillment.resolver';
import { OrderResolver } from './order.resolver';
import { SourceResolver } from './source.resolver';
import { CancellationSubscriptionResolver, OrderSubscriptionResolver } from './subscription.resolver';

export const resolvers = [
  OrderResolver,
  ChargeResolver,
  ChargeOperationResolver,
  SourceResolver,
  FulfillmentOrderResolver,
  FulfillmentOrderItemResolver,
  FulfillmentCancellationResolver,
  FulfillmentCancellationItemResolver,
  FulfillmentResolver,
  FulfillmentItemResolver,
  CreateFulfillmentCancellationResolver,
  CreateFulfillmentResolver,
  CancellationSubscriptionResolver,
  OrderSubscriptionResolver,
] as const;
