// Query.order, Query.orders and the Order fields that need another upstream call.
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';

import type { GatewayContext } from './resolver-context';
import { type ConnectionShape, createConnectionType, toConnection } from '../schema/connection';
import { toUpstream } from '../schema/enums/from-upstream';
import { OrderFilter } from '../schema/inputs/order-filter.input';
import { PageArgs, checkListFilter, toUpstreamPaging } from '../schema/inputs/page.args';
import { FulfillmentCancellation } from '../schema/types/fulfillment-cancellation.type';
import { FulfillmentOrder } from '../schema/types/fulfillment-order.type';
import { Fulfillment } from '../schema/types/fulfillment.type';
import { Order } from '../schema/types/order.type';
import { toFulfillment, toFulfillmentCancellation, toFulfillmentOrder, toOrder } from './models';
import { selects } from './selection';

export const OrderConnection = createConnectionType('Order', Order, 'order');

/** What a relation that costs its own upstream call says about failure (runtime.md, "Errors"). */
export const FAILS_ALONE = 'Null, with an error at this path, when the upstream call behind it failed; an empty list means none.';

@Resolver(() => Order)
export class OrderResolver {
  @Query(() => Order, { nullable: true, description: 'One order by id; null with NOT_FOUND when it does not exist.' })
  async order(@Arg('id', () => ID, { description: 'Order id.' }) id: string, @Ctx() ctx: GatewayContext): Promise<Order> {
    return toOrder(await ctx.loaders.orders.load(id));
  }

  @Query(() => OrderConnection, { description: 'Orders, newest first, one upstream page per call.' })
  async orders(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => OrderFilter, { nullable: true, description: 'Conditions every returned order meets.' }) filter: OrderFilter | null,
    @Ctx() ctx: GatewayContext,
  ): Promise<ConnectionShape<Order>> {
    const paging = toUpstreamPaging(page);
    const { ids, upstreamIds, matchesNothing } = checkListFilter(filter);
    if (matchesNothing) return toConnection<Order>([], (order) => order.id, false, paging.startingAfter);
    const result = await ctx.loaders.orderPage({
      limit: paging.limit,
      startingAfter: paging.startingAfter,
      ids,
      upstreamIds,
      customerId: filter?.customerId ?? undefined,
      state: filter?.state == null ? undefined : toUpstream(filter.state),
    });
    return toConnection(result.data.map(toOrder), (order) => order.id, result.hasMore, paging.startingAfter);
  }

  @FieldResolver(() => [Fulfillment], {
    nullable: true,
    description: 'Fulfillments of the order (one upstream call per order: upstream filters fulfillments by a single orderId). '
      + FAILS_ALONE,
  })
  async fulfillments(@Root() order: Readonly<Order>, @Ctx() ctx: GatewayContext): Promise<Fulfillment[]> {
    return (await ctx.loaders.fulfillments.byOrderId.load(order.id)).map(toFulfillment);
  }

  @FieldResolver(() => [FulfillmentOrder], { nullable: true, description: `Fulfillment orders that ship this order. ${FAILS_ALONE}` })
  async fulfillmentOrders(@Root() order: Readonly<Order>, @Ctx() ctx: GatewayContext, @Info() info: GraphQLResolveInfo): Promise<FulfillmentOrder[]> {
    const { fulfillmentCancellations } = ctx.loaders;
    // Listed together, their cancellations come from one order-wide load, not one call each.
    fulfillmentCancellations.listWithOrder(order.id);
    if (selects(info, ['cancellations']) || selects(info, ['items', 'cancellableQuantity'])) {
      // Start the by-order cancellation load now, in the same round trip as the
      // fulfillment orders, instead of one round trip later. Its failure is
      // reported by the fields that need it, not here.
      fulfillmentCancellations.byOrderId.load(order.id).catch(() => undefined);
    }
    return (await ctx.loaders.fulfillmentOrders.byOrderId.load(order.id)).map(toFulfillmentOrder);
  }

  @FieldResolver(() => [FulfillmentCancellation], {
    nullable: true,
    description: 'Every fulfillment cancellation filed with this order\'s id as upstreamId (a fulfillment order\'s own cancellations list also has '
      + `those filed without it). ${FAILS_ALONE}`,
  })
  async fulfillmentCancellations(@Root() order: Readonly<Order>, @Ctx() ctx: GatewayContext): Promise<FulfillmentCancellation[]> {
    return (await ctx.loaders.fulfillmentCancellations.byOrderId.load(order.id)).map(toFulfillmentCancellation);
  }
}
