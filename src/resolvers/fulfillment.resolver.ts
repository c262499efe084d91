// Query.fulfillment and the Fulfillment fields that need another load.
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';

import type { GatewayContext } from './resolver-context';
import { Fulfillment, FulfillmentItem } from '../schema/types/fulfillment.type';
import { Order, OrderItem } from '../schema/types/order.type';
import { toFulfillment, toOrder } from './models';

@Resolver(() => Fulfillment)
export class FulfillmentResolver {
  @Query(() => Fulfillment, { nullable: true, description: 'One fulfillment by id; null with NOT_FOUND when it does not exist.' })
  async fulfillment(@Arg('id', () => ID, { description: 'Fulfillment id.' }) id: string, @Ctx() ctx: GatewayContext): Promise<Fulfillment> {
    return toFulfillment(await ctx.loaders.fulfillments.byId.load(id));
  }

  @FieldResolver(() => Order, { nullable: true, description: 'The order fulfilled.' })
  async order(@Root() fulfillment: Readonly<Fulfillment>, @Ctx() ctx: GatewayContext): Promise<Order> {
    return toOrder(await ctx.loaders.orders.load(fulfillment.orderId));
  }
}

@Resolver(() => FulfillmentItem)
export class FulfillmentItemResolver {
  @FieldResolver(() => OrderItem, { nullable: true, description: 'The order line fulfilled or cancelled.' })
  async orderItem(@Root() item: Readonly<FulfillmentItem>, @Ctx() ctx: GatewayContext): Promise<OrderItem | null> {
    return toOrder(await ctx.loaders.orders.load(item.orderId)).items.find((line) => line.id === item.itemId) ?? null;
  }
}
