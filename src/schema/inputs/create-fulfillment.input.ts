// Inputs of createFulfillment.
import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'Units of one order item fulfilled (captured) and/or cancelled.' })
export class FulfillmentItemInput {
  @Field(() => ID, { description: 'The order item id.' })
  itemId!: string;

  @Field(() => ID, { nullable: true, description: 'Distributed model: the shipment item reported by fulfillment_order.shipped.' })
  shipmentItemId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Units shipped (captured).' })
  quantity?: number | null;

  @Field(() => Int, { nullable: true, description: 'Units cancelled (authorisation released).' })
  cancelQuantity?: number | null;
}

@InputType({ description: 'Reports units of an order shipped and/or cancelled.' })
export class CreateFulfillmentInput {
  @Field(() => ID, { description: 'The order.' })
  orderId!: string;

  @Field(() => [FulfillmentItemInput], { description: 'Units per order item; at least one.' })
  items!: FulfillmentItemInput[];

  @Field(() => String, { nullable: true, description: 'Shipment id (distributed model).' })
  shipmentId?: string | null;

  @Field(() => String, { nullable: true, description: 'Carrier name.' })
  trackingCompany?: string | null;

  @Field(() => String, { nullable: true, description: 'Carrier tracking number.' })
  trackingNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'Carrier tracking page.' })
  trackingUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'Same key, same result: a retried request never captures twice (kept 24 hours per caller).' })
  idempotencyKey?: string | null;
}
