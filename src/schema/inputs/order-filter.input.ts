// OrderFilter: the upstream order list filters the contract exposes.
import { Field, ID, InputType } from 'type-graphql';

import { OrderState } from '../enums/order-state.enum';

@InputType({ description: 'Narrows `orders`; all given conditions must hold.' })
export class OrderFilter {
  @Field(() => [ID], { nullable: true, description: 'Only these order ids (at most 100).' })
  ids?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Only orders with these merchant order ids (at most 100).' })
  upstreamIds?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'Only this customer\'s orders.' })
  customerId?: string | null;

  @Field(() => OrderState, { nullable: true, description: 'Only orders in this state (UNKNOWN is not a filter).' })
  state?: OrderState | null;
}
