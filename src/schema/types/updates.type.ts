// The subscription payloads: what changed, when, and the object with its whole graph behind it.
import { Field, ID, ObjectType } from 'type-graphql';

import { FulfillmentCancellationState } from '../enums/fulfillment-cancellation-state.enum';
import { DateTimeScalar } from '../scalars/date-time.scalar';
import { FulfillmentCancellation } from './fulfillment-cancellation.type';

@ObjectType({ description: 'A fulfillment cancellation changed, as an upstream webhook reported.', simpleResolvers: true })
export class FulfillmentCancellationUpdate {
  @Field(() => ID, { description: 'The upstream event id: unique, so a client can drop what it has seen.' })
  eventId!: string;

  @Field(() => String, { description: 'The upstream event type, e.g. fulfillment_cancellation.accepted.' })
  type!: string;

  @Field(() => DateTimeScalar, { description: 'When upstream recorded the change.' })
  occurredAt!: string;

  @Field(() => FulfillmentCancellationState, { nullable: true, description: 'State before this change, when known.' })
  previousState!: FulfillmentCancellationState | null;

  @Field(() => FulfillmentCancellation, { description: 'The cancellation as of this event.' })
  fulfillmentCancellation!: FulfillmentCancellation;
}

@ObjectType({ description: 'Something about an order changed (order, charge, fulfillment, fulfillment order or cancellation event).', simpleResolvers: true })
export class OrderUpdate {
  @Field(() => ID, { description: 'The upstream event id.' })
  eventId!: string;

  @Field(() => String, { description: 'The upstream event type, e.g. order.charge.cancel.complete.' })
  type!: string;

  @Field(() => DateTimeScalar, { description: 'When upstream recorded the change.' })
  occurredAt!: string;

  @Field(() => ID, { description: 'The order concerned.' })
  orderId!: string;
}
