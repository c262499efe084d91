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
import { toFulfillment, toFulfillmentCancellations, toFulfillmentOrder, toOrder } from './models';
import { selects } from './selection';

export const OrderConnection = createConnectionType('Order', Order, 'order');

/** What a relation that costs its own upstream call says about failure (runtime.md, "Errors"). */
export const FAILS_ALONE = 'Null, with an error at this path, when the upstream call behind it failed; an empty list means none.';

// Selection paths looked ahead for (constants: `selects` remembers its answers per path array).
const CANCELLATIONS: readonly string[] = ['cancellations'];
const CANCELLABLE_QUANTITY: readonly string[] = ['items', 'cancellableQuantity'];
const PAGE_FULFILLMENT_ORDERS: ReadonlyArray<readonly string[]> = [['nodes', 'fulfillmentOrders'], ['edges', 'node', 'fulfillmentOrders']];
const PAGE_CANCELLATIONS: ReadonlyArray<readonly string[]> = [
  ['nodes', 'fulfillmentCancellations'], ['nodes', 'fulfillmentOrders', 'cancellations'], ['nodes', 'fulfillmentOrders', 'items', 'cancellableQuantity'],
  ['edges', 'node', 'fulfillmentCancellations'], ['edges', 'node', 'fulfillmentOrders', 'cancellations'],
  ['edges', 'node', 'fulfillmentOrders', 'items', 'cancellableQuantity'],
];

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
    @Info() info: GraphQLResolveInfo,
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
    await loadRelationsOfPage(result.data.map((order) => String(order.id)), ctx, info);
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
  fulfillmentOrders(
    @Root() order: Readonly<Order>,
    @Ctx() ctx: GatewayContext,
    @Info() info: GraphQLResolveInfo,
  ): FulfillmentOrder[] | Promise<FulfillmentOrder[]> {
    const { fulfillmentCancellations, fulfillmentOrders } = ctx.loaders;
    // Listed together, their cancellations come from one order-wide load, not one call each.
    fulfillmentCancellations.listWithOrder(order.id);
    if (fulfillmentCancellations.loadedByOrderId(order.id) === undefined && (selects(info, CANCELLATIONS) || selects(info, CANCELLABLE_QUANTITY))) {
      // Start the by-order cancellation load now, in the same round trip as the
      // fulfillment orders, instead of one round trip later. Its failure is
      // reported by the fields that need it, not here.
      fulfillmentCancellations.byOrderId.load(order.id).catch(() => undefined);
    }
    // Answered at once when the page loaded them for all its orders (see loadRelationsOfPage).
    const loaded = fulfillmentOrders.loadedByOrderId(order.id);
    if (loaded !== undefined) return loaded.map(toFulfillmentOrder);
    return fulfillmentOrders.byOrderId.load(order.id).then((list) => list.map(toFulfillmentOrder));
  }

  @FieldResolver(() => [FulfillmentCancellation], {
    nullable: true,
    description: 'Every fulfillment cancellation filed with this order\'s id as upstreamId (a fulfillment order\'s own cancellations list also has '
      + `those filed without it). ${FAILS_ALONE}`,
  })
  fulfillmentCancellations(@Root() order: Readonly<Order>, @Ctx() ctx: GatewayContext): FulfillmentCancellation[] | Promise<FulfillmentCancellation[]> {
    const { fulfillmentCancellations } = ctx.loaders;
    const loaded = fulfillmentCancellations.loadedByOrderId(order.id);
    if (loaded !== undefined) return toFulfillmentCancellations(loaded);
    return fulfillmentCancellations.byOrderId.load(order.id).then(toFulfillmentCancellations);
  }
}

/**
 * Loads what a page's orders will ask for, for all of them at once and
 * before they are resolved: their fulfillment orders and their cancellations
 * by order, as far as the query selects them. The same batches (and upstream
 * calls) the orders' own fields would start, in the same round trip, but then
 * every order's fields answer at once instead of each awaiting a promise of
 * its own. Failures are left for the fields that need the load, which report
 * them at their own path; this never rejects.
 */
async function loadRelationsOfPage(orderIds: readonly string[], ctx: GatewayContext, info: GraphQLResolveInfo): Promise<void> {
  if (orderIds.length === 0) return;
  const { fulfillmentOrders, fulfillmentCancellations } = ctx.loaders;
  const loads: Array<Promise<unknown>> = [];
  if (PAGE_FULFILLMENT_ORDERS.some((path) => selects(info, path))) loads.push(fulfillmentOrders.byOrderId.loadMany(orderIds));
  if (PAGE_CANCELLATIONS.some((path) => selects(info, path))) loads.push(fulfillmentCancellations.byOrderId.loadMany(orderIds));
  await Promise.all(loads);
}
