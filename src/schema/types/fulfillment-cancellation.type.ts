// FulfillmentCancellation and its items: a request to stop shipping some units, and the fulfiller's answer.
import { Field, ID, Int, ObjectType } from 'type-graphql';

import { FulfillmentCancellationState } from '../enums/fulfillment-cancellation-state.enum';
import { DateTimeScalar } from '../scalars/date-time.scalar';

@ObjectType({ description: 'Units of one fulfillment order item asked to be cancelled.', simpleResolvers: true })
export class FulfillmentCancellationItem {
  @Field(() => ID, { description: 'The fulfillment order item.' })
  fulfillmentOrderItemId!: string;

  @Field(() => String, { nullable: true, description: 'Inventory item id.' })
  inventoryItemId!: string | null;

  @Field(() => Int, { description: 'Units requested.' })
  quantity!: number;

  @Field(() => Int, { nullable: true, description: 'Units the fulfiller agreed to cancel; below quantity means partly approved.' })
  quantityAccepted!: number | null;

  @Field(() => FulfillmentCancellationState, { description: 'Item state; UNKNOWN for a state this gateway does not know.' })
  state!: FulfillmentCancellationState;

  /** Not in the graph: the owning fulfillment order, for fulfillmentOrderItem. */
  fulfillmentOrderId!: string;
}

@ObjectType({ description: 'A request to cancel all or part of a fulfillment order, decided by the fulfiller.', simpleResolvers: true })
export class FulfillmentCancellation {
  @Field(() => ID, { description: 'Cancellation id.' })
  id!: string;

  @Field(() => ID, { description: 'The fulfillment order it cancels from.' })
  fulfillmentOrderId!: string;

  @Field(() => String, { nullable: true, description: 'The order id, when the cancellation was created with one.' })
  upstreamId!: string | null;

  @Field(() => String, { nullable: true, description: 'Free-text reason, e.g. requested_by_customer.' })
  reason!: string | null;

  @Field(() => FulfillmentCancellationState, { description: 'State as upstream gives it (not derived from the items).' })
  state!: FulfillmentCancellationState;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was created (ISO, whatever form upstream used).' })
  createdTime!: string | null;

  @Field(() => [FulfillmentCancellationItem], { description: 'The units asked for, per item.' })
  items!: FulfillmentCancellationItem[];

  @Field(() => Boolean, { description: 'True in live mode (upstream spells it livemode here).' })
  liveMode!: boolean;
}
