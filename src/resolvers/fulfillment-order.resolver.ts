// Query.fulfillmentOrder and the FulfillmentOrder / FulfillmentOrderItem fields that need another load.
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';

import type { GatewayContext } from './resolver-context';
import { cancellableQuantityOf } from '../mappers/fulfillment-order.mapper';
import { FulfillmentCancellation } from '../schema/types/fulfillment-cancellation.type';
import { FulfillmentOrder, FulfillmentOrderItem } from '../schema/types/fulfillment-order.type';
import { Order, OrderItem } from '../schema/types/order.type';
import type { UpstreamFulfillmentCancellation } from '../upstream/types';
import { toFulfillmentCancellations, toFulfillmentOrder, toOrder } from './models';
import { FAILS_ALONE } from './order.resolver';

@Resolver(() => FulfillmentOrder)
export class FulfillmentOrderResolver {
  @Query(() => FulfillmentOrder, { nullable: true, description: 'One fulfillment order by id; null with NOT_FOUND when it does not exist.' })
  async fulfillmentOrder(@Arg('id', () => ID, { description: 'Fulfillment order id.' }) id: string, @Ctx() ctx: GatewayContext): Promise<FulfillmentOrder> {
    return toFulfillmentOrder(await ctx.loaders.fulfillmentOrders.byId.load(id));
  }

  @FieldResolver(() => Order, { nullable: true, description: 'The order this fulfillment order ships.' })
  async order(@Root() fulfillmentOrder: Readonly<FulfillmentOrder>, @Ctx() ctx: GatewayContext): Promise<Order | null> {
    return fulfillmentOrder.upstreamId === null ? null : toOrder(await ctx.loaders.orders.load(fulfillmentOrder.upstreamId));
  }

  @FieldResolver(() => [FulfillmentCancellation], {
    nullable: true,
    description: 'Cancellations requested against this fulfillment order, whatever order id (upstreamId) they were filed under. '
      + 'Listed through Order.fulfillmentOrders they come from one order-wide load, where one filed under another order id shows once accepted. '
      + FAILS_ALONE,
  })
  cancellations(@Root() fulfillmentOrder: Readonly<FulfillmentOrder>, @Ctx() ctx: GatewayContext): FulfillmentCancellation[] | Promise<FulfillmentCancellation[]> {
    const found = cancellationsOf(fulfillmentOrder.id, fulfillmentOrder.upstreamId, fulfillmentOrder.cancelledPerItem, ctx);
    return found instanceof Promise ? found.then(toFulfillmentCancellations) : toFulfillmentCancellations(found);
  }
}

@Resolver(() => FulfillmentOrderItem)
export class FulfillmentOrderItemResolver {
  @FieldResolver(() => Int, {
    description: 'Units a customer may still ask to cancel: pending + backordered, less what open (pending) cancellations already ask for.',
  })
  cancellableQuantity(@Root() item: Readonly<FulfillmentOrderItem>, @Ctx() ctx: GatewayContext): number | Promise<number> {
    if (item.pending + item.backordered === 0) return 0;
    // Read off the upstream cancellations as loaded: nothing is viewed for a count.
    const cancellations = cancellationsOf(item.fulfillmentOrderId, item.orderId, item.cancelledPerItem, ctx);
    return cancellations instanceof Promise ? cancellations.then((list) => cancellableQuantityOf(item, list)) : cancellableQuantityOf(item, cancellations);
  }

  @FieldResolver(() => OrderItem, { nullable: true, description: 'The order line this item ships.' })
  async orderItem(@Root() item: Readonly<FulfillmentOrderItem>, @Ctx() ctx: GatewayContext): Promise<OrderItem | null> {
    if (item.orderId === null || item.upstreamId === null) return null;
    return toOrder(await ctx.loaders.orders.load(item.orderId)).items.find((line) => line.id === item.upstreamId) ?? null;
  }
}

/**
 * A fulfillment order's upstream cancellations (see the loader's
 * ofFulfillmentOrder for where they are read): at once when known, else once
 * they are.
 */
function cancellationsOf(
  fulfillmentOrderId: string,
  orderId: string | null,
  cancelledPerItem: ReadonlyMap<string, number>,
  ctx: GatewayContext,
): readonly UpstreamFulfillmentCancellation[] | Promise<readonly UpstreamFulfillmentCancellation[]> {
  return ctx.loaders.fulfillmentCancellations.ofFulfillmentOrder(fulfillmentOrderId, orderId, cancelledPerItem);
}
