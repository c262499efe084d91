// The compiled executor answers exactly what graphql-js answers, errors included, and keeps its plan cache bounded.
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import {
  type DocumentNode,
  GraphQLError,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  execute,
  getOperationAST,
  parse,
} from 'graphql';

import { CompiledExecutor } from '../../src/graphql/execute';

class LookupFailed extends Error {}

const Line = new GraphQLObjectType({
  name: 'Line',
  fields: {
    id: { type: new GraphQLNonNull(GraphQLString) },
    quantity: { type: GraphQLInt },
    // Async like the gateway's loader-backed fields; fails for one line.
    price: {
      type: GraphQLInt,
      resolve: async (line: { id: string; quantity: number }) => {
        if (line.id === 'bad') throw new LookupFailed('no price for bad');
        return line.quantity * 10;
      },
    },
  },
});

const Order = new GraphQLObjectType({
  name: 'Order',
  fields: {
    id: { type: new GraphQLNonNull(GraphQLString) },
    lines: { type: new GraphQLList(Line) },
  },
});

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      orders: {
        type: new GraphQLList(Order),
        args: { first: { type: new GraphQLNonNull(GraphQLInt) } },
        resolve: async (_root, args: { first: number }, context: { seen: string[] }) => {
          context.seen.push(`orders(${args.first})`);
          return Array.from({ length: args.first }, (_, index) => ({
            id: `o${index}`,
            lines: [{ id: `l${index}`, quantity: index + 1 }, ...(index === 1 ? [{ id: 'bad', quantity: 1 }] : [])],
          }));
        },
      },
    },
  }),
});

let hash = 0;

/** What Apollo hands the executor after parsing and validating. */
function requestFor(document: DocumentNode, variables: Record<string, unknown>, context: object, queryHash = `q${(hash += 1)}`): GatewayGraphQLRequestContext {
  const operation = getOperationAST(document);
  if (operation === null || operation === undefined) throw new Error('no operation');
  return { request: { variables }, document, operation, context, queryHash } as unknown as GatewayGraphQLRequestContext;
}

type Executor = (request: GatewayGraphQLRequestContext) => Promise<{ data?: unknown; errors?: readonly GraphQLError[] }>;

async function executorFor(): Promise<Executor> {
  const gateway = new CompiledExecutor(schema);
  let loaded: GraphQLSchema | undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => {
    loaded = apiSchema;
  });
  expect(loaded).toBe(schema);
  const { executor } = await gateway.load();
  return executor as Executor;
}

describe('CompiledExecutor', () => {
  const query = parse('query Page($first: Int!) { orders(first: $first) { id lines { id quantity price } } }');

  it('answers what graphql-js answers: data, partial errors with path and locations, the original error kept', async () => {
    const executor = await executorFor();
    const compiled = await executor(requestFor(query, { first: 3 }, { seen: [] }));
    const interpreted = await execute({ schema, document: query, variableValues: { first: 3 }, contextValue: { seen: [] } });

    expect(compiled.data).toEqual(interpreted.data);
    expect(compiled.errors).toHaveLength(1);
    const error = compiled.errors?.[0];
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error?.toJSON()).toEqual(interpreted.errors?.[0]?.toJSON());
    expect(error?.path).toEqual(['orders', 1, 'lines', 1, 'price']);
    expect(error?.originalError).toBeInstanceOf(LookupFailed);
    // Apollo reads extensions on every error; graphql-jit's own errors lacked them.
    expect(error?.extensions).toEqual({});
  });

  it('compiles an operation once and reuses it for the same query hash', async () => {
    const gateway = new CompiledExecutor(schema);
    gateway.onSchemaLoadOrUpdate(() => undefined);
    const { executor } = await gateway.load();
    const seen: string[] = [];
    await executor(requestFor(query, { first: 1 }, { seen }, 'same'));
    await executor(requestFor(query, { first: 2 }, { seen }, 'same'));
    expect(seen).toEqual(['orders(1)', 'orders(2)']);
    expect(gateway.statistics()).toEqual({ compiled: 2, interpreted: 0, cached: 1, plans: 1 });
  });

  it('runs introspection on graphql-js', async () => {
    const gateway = new CompiledExecutor(schema);
    gateway.onSchemaLoadOrUpdate(() => undefined);
    const { executor } = await gateway.load();
    const result = await executor(requestFor(parse('{ __schema { queryType { name } } }'), {}, { seen: [] }));
    expect(result.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    expect(gateway.statistics().interpreted).toBe(1);
  });

  it('keeps at most 1,000 plans however many distinct operations arrive', async () => {
    const gateway = new CompiledExecutor(schema);
    gateway.onSchemaLoadOrUpdate(() => undefined);
    const { executor } = await gateway.load();
    for (let index = 0; index < 1_050; index += 1) {
      await executor(requestFor(parse(`query Q${index} { orders(first: 1) { id } }`), {}, { seen: [] }));
    }
    expect(gateway.statistics()).toMatchObject({ compiled: 1_050, cached: 0, plans: 1_000 });
  });
});
