// Inputs of createFulfillmentCancellation.
import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'Units of one fulfillment order item to cancel.' })
export class FulfillmentCancellationItemInput {
  @Field(() => ID, { description: 'The fulfillment order item.' })
  fulfillmentOrderItemId!: string;

  @Field(() => Int, { description: 'Units to cancel: at least 1, at most the item\'s cancellableQuantity.' })
  quantity!: number;
}

@InputType({ description: 'Asks the fulfiller to cancel units of a fulfillment order.' })
export class CreateFulfillmentCancellationInput {
  @Field(() => ID, { description: 'The fulfillment order to cancel from.' })
  fulfillmentOrderId!: string;

  @Field(() => ID, { nullable: true, description: 'The order id; defaults to the fulfillment order\'s.' })
  upstreamId?: string | null;

  @Field(() => String, { nullable: true, description: 'Free-text reason, e.g. requested_by_customer.' })
  reason?: string | null;

  @Field(() => [FulfillmentCancellationItemInput], { description: 'Units per item; at least one.' })
  items!: FulfillmentCancellationItemInput[];

  @Field(() => String, { nullable: true, description: 'Same key, same result: a retried request never cancels twice (kept 24 hours per caller).' })
  idempotencyKey?: string | null;
}
