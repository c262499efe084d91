// UserError: a business failure of a mutation, returned as data (Shopify rule #23).
import { Field, ObjectType } from 'type-graphql';

import type { UserErrorData } from '../../errors/user-errors';

@ObjectType({ description: 'Why a mutation did not do what was asked; nothing was written upstream unless the code is upstream\'s own.', simpleResolvers: true })
export class UserError implements UserErrorData {
  @Field(() => [String], { nullable: true, description: 'Path to the input field at fault, e.g. ["items", "0", "quantity"].' })
  field!: string[] | null;

  @Field(() => String, { description: 'Machine-readable: the upstream error code where upstream gave one.' })
  code!: string;

  @Field(() => String, { description: 'Human-readable explanation (not meant for end customers verbatim).' })
  message!: string;
}
