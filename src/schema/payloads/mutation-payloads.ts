// Payloads of the two mutations: a nullable result and the user errors.
import { Field, ObjectType } from 'type-graphql';

import { FulfillmentCancellation } from '../types/fulfillment-cancellation.type';
import { Fulfillment } from '../types/fulfillment.type';
import { UserError } from './user-error.type';

@ObjectType({ description: 'Result of createFulfillmentCancellation.', simpleResolvers: true })
export class CreateFulfillmentCancellationPayload {
  @Field(() => FulfillmentCancellation, { nullable: true, description: 'The new cancellation (state PENDING until the fulfiller decides); null when userErrors is not empty.' })
  fulfillmentCancellation!: FulfillmentCancellation | null;

  @Field(() => [UserError], { description: 'Why nothing was cancelled; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of createFulfillment.', simpleResolvers: true })
export class CreateFulfillmentPayload {
  @Field(() => Fulfillment, { nullable: true, description: 'The new fulfillment; null when userErrors is not empty.' })
  fulfillment!: Fulfillment | null;

  @Field(() => [UserError], { description: 'Why nothing was fulfilled; empty on success.' })
  userErrors!: UserError[];
}
