// Fulfillment and FulfillmentItem: units of an order shipped (captured) or cancelled (authorisation released).
import { Field, ID, Int, ObjectType } from 'type-graphql';

import { DateTimeScalar } from '../scalars/date-time.scalar';

@ObjectType({ description: 'Units of one order item fulfilled or cancelled by a fulfillment.', simpleResolvers: true })
export class FulfillmentItem {
  @Field(() => ID, { description: 'The order item id.' })
  itemId!: string;

  @Field(() => ID, { nullable: true, description: 'Shipment item id (distributed model).' })
  shipmentItemId!: string | null;

  @Field(() => String, { nullable: true, description: 'SKU id, echoed by upstream.' })
  skuId!: string | null;

  @Field(() => Int, { description: 'Units fulfilled (captured); 0 when none.' })
  quantity!: number;

  @Field(() => Int, { description: 'Units cancelled; 0 when none.' })
  cancelQuantity!: number;

  /** Not in the graph: the owning order, for orderItem. */
  orderId!: string;
}

@ObjectType({ description: 'A record that units of an order were shipped and/or cancelled; it drives captures and cancels.', simpleResolvers: true })
export class Fulfillment {
  @Field(() => ID, { description: 'Fulfillment id.' })
  id!: string;

  @Field(() => ID, { description: 'The order fulfilled.' })
  orderId!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was created.' })
  createdTime!: string | null;

  @Field(() => String, { nullable: true, description: 'Shipment id (distributed model).' })
  shipmentId!: string | null;

  @Field(() => String, { nullable: true, description: 'Carrier name.' })
  trackingCompany!: string | null;

  @Field(() => String, { nullable: true, description: 'Carrier tracking number.' })
  trackingNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'Carrier tracking page.' })
  trackingUrl!: string | null;

  @Field(() => [FulfillmentItem], { description: 'Units per order item.' })
  items!: FulfillmentItem[];

  @Field(() => Boolean, { description: 'True in live mode.' })
  liveMode!: boolean;
}
