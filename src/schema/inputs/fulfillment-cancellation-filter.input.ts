// FulfillmentCancellationFilter: the upstream cancellation list filters the contract exposes.
import { Field, ID, InputType } from 'type-graphql';

import { FulfillmentCancellationState } from '../enums/fulfillment-cancellation-state.enum';

@InputType({ description: 'Narrows `fulfillmentCancellations`; all given conditions must hold.' })
export class FulfillmentCancellationFilter {
  @Field(() => [ID], { nullable: true, description: 'Only these cancellation ids (at most 100).' })
  ids?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Only cancellations of these order ids (at most 100).' })
  upstreamIds?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'Only cancellations of this fulfillment order.' })
  fulfillmentOrderId?: string | null;

  @Field(() => FulfillmentCancellationState, { nullable: true, description: 'Only cancellations in this state (UNKNOWN is not a filter).' })
  state?: FulfillmentCancellationState | null;
}
