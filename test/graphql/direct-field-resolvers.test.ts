// Field resolvers taking only parent, context and info are called directly; everything else keeps type-graphql's wrapper; answers are unchanged.
import 'reflect-metadata';

import { type GraphQLFieldMap, type GraphQLSchema, assertObjectType, execute, parse } from 'graphql';
import { Arg, Ctx, Field, FieldResolver, ID, Info, Int, ObjectType, Query, Resolver, Root, buildSchema } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';

import { callFieldResolversDirectly } from '../../src/graphql/direct-field-resolvers';

@ObjectType({ simpleResolvers: true })
class Box {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  size!: number;
}

interface BoxContext {
  prefix: string;
}

@Resolver(() => Box)
class BoxResolver {
  @Query(() => [Box])
  boxes(): Box[] {
    return [{ id: 'a', size: 1 }, { id: 'b', size: 2 }];
  }

  @FieldResolver(() => String)
  async label(@Root() box: Readonly<Box>, @Ctx() ctx: BoxContext, @Info() info: GraphQLResolveInfo): Promise<string> {
    return `${ctx.prefix}${box.id}:${info.fieldName}`;
  }

  @FieldResolver(() => Int)
  scaled(@Root() box: Readonly<Box>, @Arg('by', () => Int) by: number): number {
    return box.size * by;
  }
}

const boxFields = (schema: GraphQLSchema): GraphQLFieldMap<unknown, unknown> => assertObjectType(schema.getType('Box')).getFields();

describe('callFieldResolversDirectly', () => {
  it('replaces only the parent/context/info field resolvers and keeps every answer', async () => {
    const schema = await buildSchema({ resolvers: [BoxResolver], validate: false });
    const wrappedScaled = boxFields(schema)['scaled']?.resolve;
    const wrappedLabel = boxFields(schema)['label']?.resolve;

    expect(callFieldResolversDirectly(schema, [BoxResolver])).toBe(1);

    const fields = boxFields(schema);
    expect(fields['label']?.resolve).not.toBe(wrappedLabel);
    expect(fields['scaled']?.resolve).toBe(wrappedScaled);
    const result = await execute({
      schema,
      document: parse('{ boxes { id label scaled(by: 3) } }'),
      contextValue: { prefix: 'box-' } satisfies BoxContext,
    });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      boxes: [
        { id: 'a', label: 'box-a:label', scaled: 3 },
        { id: 'b', label: 'box-b:label', scaled: 6 },
      ],
    });
  });

  it('leaves resolver classes it was not given alone', async () => {
    const schema = await buildSchema({ resolvers: [BoxResolver], validate: false });
    expect(callFieldResolversDirectly(schema, [])).toBe(0);
  });
});
