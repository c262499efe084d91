// Charge and ChargeOperation: a payment authorisation and its captures, cancels and refunds.
import { Field, Float, ID, ObjectType } from 'type-graphql';

import { DateTimeScalar } from '../scalars/date-time.scalar';

/** Which list of its charge an operation belongs to. */
export type ChargeOperationKind = 'captures' | 'cancels' | 'refunds';

@ObjectType({ description: 'A capture, cancel or refund of part or all of a charge.', simpleResolvers: true })
export class ChargeOperation {
  // `id` and `failureMessage` are resolved in ChargeOperationResolver: embedded
  // copies may lack them, and only then is the full charge fetched.
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the operation was created.' })
  createdTime!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the operation last changed (rarely present).' })
  updatedTime!: string | null;

  @Field(() => Float, { description: 'Amount, major currency units.' })
  amount!: number;

  @Field(() => String, { description: 'pending, complete or failed (cancels also pending_information).' })
  state!: string;

  @Field(() => String, { nullable: true, description: 'Failure code, verbatim (often failed-request).' })
  failureCode!: string | null;

  @Field(() => ID, { nullable: true, description: 'The fulfillment that triggered this capture.' })
  fulfillmentId!: string | null;

  /** Not in the graph: the id as the source object had it (embedded refunds have none). */
  knownId!: string | null;
  knownFailureMessage!: string | null;
  /** Not in the graph: where to find the full copy of this operation. */
  chargeId!: string;
  kind!: ChargeOperationKind;
  index!: number;
  /** Not in the graph: true when this copy came from `GET /charges/{id}` (nothing more to fetch). */
  complete!: boolean;
}

@ObjectType({ description: 'One payment authorisation of an order.', simpleResolvers: true })
export class Charge {
  @Field(() => ID, { description: 'Charge id.' })
  id!: string;

  @Field(() => ID, { nullable: true, description: 'The order this charge pays for.' })
  orderId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The source charged.' })
  sourceId!: string | null;

  @Field(() => String, { nullable: true, description: 'Payment session id (only on the full charge).' })
  paymentSessionId!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the charge was created.' })
  createdTime!: string | null;

  @Field(() => String, { description: 'ISO 4217 currency code.' })
  currency!: string;

  @Field(() => Float, { description: 'Authorised amount; never changes.' })
  amount!: number;

  @Field(() => String, { description: 'pending, capturable, processing, complete, cancelled or failed (verbatim).' })
  state!: string;

  @Field(() => String, { nullable: true, description: 'customer_initiated, merchant_initiated or moto.' })
  type!: string | null;

  @Field(() => Boolean, { description: 'True once any capture was attempted, even a failed one.' })
  captured!: boolean;

  @Field(() => Boolean, { description: 'True once any refund exists.' })
  refunded!: boolean;

  @Field(() => String, { nullable: true, description: 'Why authorisation failed, verbatim.' })
  failureCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Human-readable authorisation failure.' })
  failureMessage!: string | null;

  @Field(() => [ChargeOperation], { description: 'Captures, oldest first as upstream lists them.' })
  captures!: ChargeOperation[];

  @Field(() => [ChargeOperation], { description: 'Cancels of the authorisation.' })
  cancels!: ChargeOperation[];

  @Field(() => [ChargeOperation], { description: 'Charge-level refunds (not the /refunds resource).' })
  refunds!: ChargeOperation[];

  @Field(() => Boolean, { description: 'True in live mode.' })
  liveMode!: boolean;
}
