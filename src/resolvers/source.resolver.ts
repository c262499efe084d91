// Query.source.
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';

import type { GatewayContext } from './resolver-context';
import { Source } from '../schema/types/source.type';
import { toSource } from './models';

@Resolver(() => Source)
export class SourceResolver {
  @Query(() => Source, { nullable: true, description: 'One payment source by id; null with NOT_FOUND when it does not exist.' })
  async source(@Arg('id', () => ID, { description: 'Source id.' }) id: string, @Ctx() ctx: GatewayContext): Promise<Source> {
    return toSource(await ctx.loaders.payments.sources.load(id));
  }
}
