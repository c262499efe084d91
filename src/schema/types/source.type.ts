// Source, CreditCard and SourceOwner: a payment method, with its clientSecret never exposed.
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';

import { DateTimeScalar } from '../scalars/date-time.scalar';
import { Address } from './contact.type';

@ObjectType({ description: 'Card details; only the last four digits are ever returned.', simpleResolvers: true })
export class CreditCard {
  @Field(() => String, { nullable: true, description: 'Card brand, e.g. Visa.' })
  brand!: string | null;

  @Field(() => String, { nullable: true, description: 'Last four digits of the card number.' })
  lastFourDigits!: string | null;

  @Field(() => Int, { nullable: true, description: 'Expiry month, 1-12.' })
  expirationMonth!: number | null;

  @Field(() => Int, { nullable: true, description: 'Expiry year.' })
  expirationYear!: number | null;
}

@ObjectType({ description: 'Who owns a payment source.', simpleResolvers: true })
export class SourceOwner {
  @Field(() => String, { nullable: true, description: 'First name.' })
  firstName!: string | null;

  @Field(() => String, { nullable: true, description: 'Last name.' })
  lastName!: string | null;

  @Field(() => String, { nullable: true, description: 'Email.' })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'Organisation.' })
  organization!: string | null;

  @Field(() => Address, { nullable: true, description: 'Billing address.' })
  address!: Address | null;
}

@ObjectType({ description: 'A payment source. Its clientSecret is never exposed.', simpleResolvers: true })
export class Source {
  @Field(() => ID, { description: 'Source id.' })
  id!: string;

  @Field(() => String, { description: 'Payment method, e.g. creditCard, payPal, wireTransfer (an open set).' })
  type!: string;

  @Field(() => String, { nullable: true, description: 'chargeable, consumed, … (absent on copies embedded in an order).' })
  state!: string | null;

  @Field(() => Boolean, { nullable: true, description: 'True once saved to a customer (absent on embedded copies).' })
  reusable!: boolean | null;

  @Field(() => Float, { nullable: true, description: 'Amount this source contributes.' })
  amount!: number | null;

  @Field(() => String, { nullable: true, description: 'ISO 4217 currency code.' })
  currency!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the source was created.' })
  createdTime!: string | null;

  @Field(() => String, { nullable: true, description: 'Customer the source belongs to.' })
  customerId!: string | null;

  @Field(() => SourceOwner, { nullable: true, description: 'Owner details.' })
  owner!: SourceOwner | null;

  @Field(() => CreditCard, { nullable: true, description: 'Card details for creditCard and googlePay sources.' })
  creditCard!: CreditCard | null;

  @Field(() => Boolean, { description: 'True in live mode.' })
  liveMode!: boolean;
}
