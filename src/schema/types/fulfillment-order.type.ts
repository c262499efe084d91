// FulfillmentOrder and FulfillmentOrderItem: what Digital River's logistics ships, with unit counts per category.
import { Field, ID, Int, ObjectType } from 'type-graphql';

import { FulfillmentOrderItemState, FulfillmentOrderState } from '../enums/fulfillment-order-state.enum';
import { DateTimeScalar } from '../scalars/date-time.scalar';

@ObjectType({ description: 'One line of a fulfillment order; the counts always sum to quantity.', simpleResolvers: true })
export class FulfillmentOrderItem {
  @Field(() => ID, { description: 'Fulfillment order item id (used by cancellations).' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'The order item id this line ships.' })
  upstreamId!: string | null;

  @Field(() => String, { nullable: true, description: 'Inventory item id.' })
  inventoryItemId!: string | null;

  @Field(() => String, { nullable: true, description: 'Product name.' })
  name!: string | null;

  @Field(() => Int, { description: 'Units originally purchased.' })
  quantity!: number;

  @Field(() => Int, { description: 'Units not yet shipped.' })
  pending!: number;

  @Field(() => Int, { description: 'Units awaiting restock.' })
  backordered!: number;

  @Field(() => Int, { description: 'Units shipped.' })
  shipped!: number;

  @Field(() => Int, { description: 'Units cancelled.' })
  cancelled!: number;

  @Field(() => Int, { description: 'Units returned.' })
  returned!: number;

  @Field(() => FulfillmentOrderItemState, { description: 'Line state; UNKNOWN for a state this gateway does not know.' })
  state!: FulfillmentOrderItemState;

  /** Not in the graph: the owning fulfillment order and order, for cancellableQuantity and orderItem. */
  fulfillmentOrderId!: string;
  orderId!: string | null;
  /** Not in the graph: its fulfillment order's {@link FulfillmentOrder.cancelledPerItem}, so this item finds the same cancellations. */
  cancelledPerItem!: ReadonlyMap<string, number>;
}

@ObjectType({ description: 'A request to Digital River\'s logistics service to ship an order\'s physical items.', simpleResolvers: true })
export class FulfillmentOrder {
  @Field(() => ID, { description: 'Fulfillment order id.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'The order id this fulfillment order ships.' })
  upstreamId!: string | null;

  @Field(() => FulfillmentOrderState, { description: 'State; UNKNOWN for a state this gateway does not know.' })
  state!: FulfillmentOrderState;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was created.' })
  createdTime!: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 4217 currency code.' })
  currency!: string | null;

  @Field(() => [FulfillmentOrderItem], { description: 'Lines with their unit counts.' })
  items!: FulfillmentOrderItem[];

  @Field(() => Boolean, { description: 'True in live mode.' })
  liveMode!: boolean;

  /**
   * Not in the graph: units in `cancelled` per item id (items with none left
   * out), against which the cancellations found for it are checked.
   */
  cancelledPerItem!: ReadonlyMap<string, number>;
}
