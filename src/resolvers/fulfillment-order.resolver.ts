// Query.fulfillmentOrder and the FulfillmentOrder / FulfillmentOrderItem fields that need another load.
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';

import type { GatewayContext } from './resolver-context';
import { cancellableQuantity } from '../mappers/fulfillment-order.mapper';
import { memoByObject } from '../mappers/memo-by-object';
import { FulfillmentCancellation } from '../schema/types/fulfillment-cancellation.type';
import { FulfillmentOrder, FulfillmentOrderItem } from '../schema/types/fulfillment-order.type';
import { Order, OrderItem } from '../schema/types/order.type';
import type { UpstreamFulfillmentCancellation } from '../upstream/types';
import { toFulfillmentCancellation, toFulfillmentOrder, toOrder } from './models';

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
    description: 'Cancellations requested against this fulfillment order (read from the order-wide load: no call per fulfillment order).',
  })
  cancellations(@Root() fulfillmentOrder: Readonly<FulfillmentOrder>, @Ctx() ctx: GatewayContext): FulfillmentCancellation[] | Promise<FulfillmentCancellation[]> {
    return cancellationsOf(fulfillmentOrder.id, fulfillmentOrder.upstreamId, ctx);
  }
}

@Resolver(() => FulfillmentOrderItem)
export class FulfillmentOrderItemResolver {
  @FieldResolver(() => Int, {
    description: 'Units a customer may still ask to cancel: pending + backordered, less what open (pending) cancellations already ask for.',
  })
  cancellableQuantity(@Root() item: Readonly<FulfillmentOrderItem>, @Ctx() ctx: GatewayContext): number | Promise<number> {
    if (item.pending + item.backordered === 0) return 0;
    const cancellations = cancellationsOf(item.fulfillmentOrderId, item.orderId, ctx);
    return Array.isArray(cancellations) ? cancellableQuantity(item, cancellations) : cancellations.then((list) => cancellableQuantity(item, list));
  }

  @FieldResolver(() => OrderItem, { nullable: true, description: 'The order line this item ships.' })
  async orderItem(@Root() item: Readonly<FulfillmentOrderItem>, @Ctx() ctx: GatewayContext): Promise<OrderItem | null> {
    if (item.orderId === null || item.upstreamId === null) return null;
    return toOrder(await ctx.loaders.orders.load(item.orderId)).items.find((line) => line.id === item.upstreamId) ?? null;
  }
}

/**
 * A fulfillment order's cancellations, from the by-order load: at once when
 * that load has finished, else once it does. A fulfillment order without an
 * order id (never the case for orchestrated ones) has none reachable this way.
 */
function cancellationsOf(fulfillmentOrderId: string, orderId: string | null, ctx: GatewayContext): FulfillmentCancellation[] | Promise<FulfillmentCancellation[]> {
  if (orderId === null) return [];
  const { fulfillmentCancellations } = ctx.loaders;
  const loaded = fulfillmentCancellations.loadedByOrderId(orderId);
  if (loaded !== undefined) return byFulfillmentOrder(loaded).get(fulfillmentOrderId) ?? [];
  return fulfillmentCancellations.byOrderId.load(orderId).then((all) => byFulfillmentOrder(all).get(fulfillmentOrderId) ?? []);
}

/**
 * An order's loaded cancellations grouped by fulfillment order, computed once
 * per loaded list (memoised on the list, which lives as long as the request's
 * loader): every fulfillment order and every item of it asks, and an order may
 * have over a hundred cancellations.
 */
const byFulfillmentOrder = memoByObject((loaded: readonly UpstreamFulfillmentCancellation[]): Map<string, FulfillmentCancellation[]> => {
  const grouped = new Map<string, FulfillmentCancellation[]>();
  for (const raw of loaded) {
    const cancellation = toFulfillmentCancellation(raw);
    const group = grouped.get(cancellation.fulfillmentOrderId);
    if (group === undefined) grouped.set(cancellation.fulfillmentOrderId, [cancellation]);
    else group.push(cancellation);
  }
  return grouped;
});
