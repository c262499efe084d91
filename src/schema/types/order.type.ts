// Order and OrderItem: the order as upstream keeps it, with its embedded charges and sources.
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';

import { OrderState } from '../enums/order-state.enum';
import { DateTimeScalar } from '../scalars/date-time.scalar';
import { JsonScalar } from '../scalars/json.scalar';
import { Charge } from './charge.type';
import { Contact } from './contact.type';
import { Source } from './source.type';

@ObjectType({ description: 'One line of an order.', simpleResolvers: true })
export class OrderItem {
  @Field(() => ID, { description: 'Line item id (used as a fulfillment item\'s itemId).' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'SKU id; absent for orders built from product details.' })
  skuId!: string | null;

  @Field(() => String, { nullable: true, description: 'Product name from the item\'s product details.' })
  productName!: string | null;

  @Field(() => String, { nullable: true, description: 'Product description from the item\'s product details.' })
  productDescription!: string | null;

  @Field(() => Int, { description: 'Units ordered.' })
  quantity!: number;

  @Field(() => Float, { description: 'Price of the whole line (all units), major currency units.' })
  amount!: number;

  @Field(() => String, { nullable: true, description: 'Upstream item state, e.g. created, fulfilled, cancelled.' })
  state!: string | null;

  @Field(() => Float, { nullable: true, description: 'Amount still refundable on this line, as upstream reports it.' })
  availableToRefundAmount!: number | null;
}

@ObjectType({ description: 'A customer order: items, totals, payment and, through links, its fulfillment.', simpleResolvers: true })
export class Order {
  @Field(() => ID, { description: 'Upstream order id.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'The merchant\'s own order id, when set.' })
  upstreamId!: string | null;

  @Field(() => String, { nullable: true, description: 'Customer id; null for guest checkouts.' })
  customerId!: string | null;

  @Field(() => String, { nullable: true, description: 'Customer email.' })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'Locale, e.g. en_US.' })
  locale!: string | null;

  @Field(() => String, { description: 'ISO 4217 currency code.' })
  currency!: string;

  @Field(() => OrderState, { description: 'Order state; UNKNOWN for a state this gateway does not know.' })
  state!: OrderState;

  @Field(() => DateTimeScalar, { description: 'When the order was created.' })
  createdTime!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the order last changed.' })
  updatedTime!: string | null;

  @Field(() => Float, { description: 'Order total, major currency units; never changes after creation.' })
  totalAmount!: number;

  @Field(() => Float, { nullable: true, description: 'Total before tax (upstream includes shipping in it).' })
  subtotal!: number | null;

  @Field(() => Float, { nullable: true, description: 'Total tax.' })
  totalTax!: number | null;

  @Field(() => Float, { nullable: true, description: 'Total shipping.' })
  totalShipping!: number | null;

  @Field(() => Float, { nullable: true, description: 'Total discount.' })
  totalDiscount!: number | null;

  @Field(() => Float, { nullable: true, description: 'Total fees.' })
  totalFees!: number | null;

  @Field(() => Float, { nullable: true, description: 'Total duty.' })
  totalDuty!: number | null;

  @Field(() => Float, { nullable: true, description: 'Running total of captures.' })
  capturedAmount!: number | null;

  @Field(() => Float, { nullable: true, description: 'Running total of cancels.' })
  cancelledAmount!: number | null;

  @Field(() => Float, { nullable: true, description: 'Running total of refunds; null until a refund exists.' })
  refundedAmount!: number | null;

  @Field(() => Float, { nullable: true, description: 'Captured minus refunded, as upstream reports it.' })
  availableToRefundAmount!: number | null;

  @Field(() => Contact, { nullable: true, description: 'Shipping contact; null for purely digital orders.' })
  shipTo!: Contact | null;

  @Field(() => Contact, { nullable: true, description: 'Billing contact.' })
  billTo!: Contact | null;

  @Field(() => Boolean, { description: 'True in live mode, false in test mode.' })
  liveMode!: boolean;

  @Field(() => JsonScalar, { nullable: true, description: 'Merchant metadata key/value map.' })
  metadata!: Record<string, unknown> | null;

  @Field(() => [OrderItem], { description: 'The order\'s lines.' })
  items!: OrderItem[];

  @Field(() => [Charge], { description: 'Payment authorisations, one per source (embedded in the order; no extra call).' })
  charges!: Charge[];

  @Field(() => [Source], { description: 'Payment sources of the order (embedded in the order; no extra call).' })
  sources!: Source[];
}
