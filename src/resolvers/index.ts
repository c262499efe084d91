// The resolver classes handed to buildSchema.
//
// Field resolvers type their parent as `@Root() x: Readonly<Model>`, never as
// the bare class: the reflected parameter type is then Object, and
// type-graphql hands the mapped object over as it is. With the class as the
// reflected type it would copy the parent into a new class instance on every
// call (about 300 calls on the 50-order page).
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
