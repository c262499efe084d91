// Address and Contact: postal details as upstream sends them.
import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A postal address. Only `country` (ISO 3166 alpha-2) is always present upstream.', simpleResolvers: true })
export class Address {
  @Field(() => String, { nullable: true, description: 'First address line.' })
  line1!: string | null;

  @Field(() => String, { nullable: true, description: 'Second address line.' })
  line2!: string | null;

  @Field(() => String, { nullable: true, description: 'City.' })
  city!: string | null;

  @Field(() => String, { nullable: true, description: 'Postal code.' })
  postalCode!: string | null;

  @Field(() => String, { nullable: true, description: 'State or province.' })
  state!: string | null;

  @Field(() => String, { nullable: true, description: 'Country, ISO 3166 alpha-2.' })
  country!: string | null;
}

@ObjectType({ description: 'A person or organisation to ship to or bill.', simpleResolvers: true })
export class Contact {
  @Field(() => String, { nullable: true, description: 'Full name.' })
  name!: string | null;

  @Field(() => String, { nullable: true, description: 'Email address.' })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'Phone number.' })
  phone!: string | null;

  @Field(() => Address, { nullable: true, description: 'Postal address.' })
  address!: Address | null;
}
