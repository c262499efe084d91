// Query.fulfillmentCancellation(s) and the FulfillmentCancellation fields that need another load.
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';

import type { GatewayContext } from './resolver-context';
import { type ConnectionShape, createConnectionType, toConnection } from '../schema/connection';
import { toUpstream } from '../schema/enums/from-upstream';
import { FulfillmentCancellationFilter } from '../schema/inputs/fulfillment-cancellation-filter.input';
import { PageArgs, checkListFilter, toUpstreamPaging } from '../schema/inputs/page.args';
import { FulfillmentCancellation, FulfillmentCancellationItem } from '../schema/types/fulfillment-cancellation.type';
import { FulfillmentOrder, FulfillmentOrderItem } from '../schema/types/fulfillment-order.type';
import { Order } from '../schema/types/order.type';
import { toFulfillmentCancellation, toFulfillmentOrder, toOrder } from './models';

export const FulfillmentCancellationConnection = createConnectionType('FulfillmentCancellation', FulfillmentCancellation, 'fulfillment cancellation');

@Resolver(() => FulfillmentCancellation)
export class FulfillmentCancellationResolver {
  @Query(() => FulfillmentCancellation, { nullable: true, description: 'One fulfillment cancellation by id; null with NOT_FOUND when it does not exist.' })
  async fulfillmentCancellation(
    @Arg('id', () => ID, { description: 'Cancellation id.' }) id: string,
    @Ctx() ctx: GatewayContext,
  ): Promise<FulfillmentCancellation> {
    return toFulfillmentCancellation(await ctx.loaders.fulfillmentCancellations.byId.load(id));
  }

  @Query(() => FulfillmentCancellationConnection, {
    description: 'Fulfillment cancellations, newest first. A customer gets those filed under their own orders (upstreamId) and, filtered by one of their fulfillment orders, every cancellation of it, also those filed without upstreamId.',
  })
  async fulfillmentCancellations(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => FulfillmentCancellationFilter, { nullable: true, description: 'Conditions every returned cancellation meets.' })
    filter: FulfillmentCancellationFilter | null,
    @Ctx() ctx: GatewayContext,
  ): Promise<ConnectionShape<FulfillmentCancellation>> {
    const paging = toUpstreamPaging(page);
    const { ids, upstreamIds, matchesNothing } = checkListFilter(filter);
    if (matchesNothing) return toConnection<FulfillmentCancellation>([], (item) => item.id, false, paging.startingAfter);
    const result = await ctx.loaders.fulfillmentCancellationPage({
      limit: paging.limit,
      startingAfter: paging.startingAfter,
      ids,
      upstreamIds,
      fulfillmentOrderId: filter?.fulfillmentOrderId ?? undefined,
      state: filter?.state == null ? undefined : toUpstream(filter.state),
    });
    return toConnection(result.data.map(toFulfillmentCancellation), (item) => item.id, result.hasMore, paging.startingAfter);
  }

  @FieldResolver(() => FulfillmentOrder, { nullable: true, description: 'The fulfillment order it cancels from.' })
  async fulfillmentOrder(@Root() cancellation: Readonly<FulfillmentCancellation>, @Ctx() ctx: GatewayContext): Promise<FulfillmentOrder> {
    return toFulfillmentOrder(await ctx.loaders.fulfillmentOrders.byId.load(cancellation.fulfillmentOrderId));
  }

  @FieldResolver(() => Order, { nullable: true, description: 'The order, through upstreamId or else through the fulfillment order.' })
  async order(@Root() cancellation: Readonly<FulfillmentCancellation>, @Ctx() ctx: GatewayContext): Promise<Order | null> {
    let orderId = cancellation.upstreamId;
    if (orderId === null) {
      orderId = toFulfillmentOrder(await ctx.loaders.fulfillmentOrders.byId.load(cancellation.fulfillmentOrderId)).upstreamId;
    }
    return orderId === null ? null : toOrder(await ctx.loaders.orders.load(orderId));
  }
}

@Resolver(() => FulfillmentCancellationItem)
export class FulfillmentCancellationItemResolver {
  @FieldResolver(() => FulfillmentOrderItem, { nullable: true, description: 'The fulfillment order item asked to be cancelled.' })
  async fulfillmentOrderItem(@Root() item: Readonly<FulfillmentCancellationItem>, @Ctx() ctx: GatewayContext): Promise<FulfillmentOrderItem | null> {
    const fulfillmentOrder = toFulfillmentOrder(await ctx.loaders.fulfillmentOrders.byId.load(item.fulfillmentOrderId));
    return fulfillmentOrder.items.find((line) => line.id === item.fulfillmentOrderItemId) ?? null;
  }
}
