// Builds the executable GraphQL schema from the code-first types and resolvers; writes no files.
import 'reflect-metadata';

import type { GraphQLSchema } from 'graphql';
import { type PubSub, buildSchema } from 'type-graphql';

import { resolvers } from '../resolvers';
import { callFieldResolversDirectly } from './direct-field-resolvers';
import { DateTimeScalar } from '../schema/scalars/date-time.scalar';

// Every @Subscription brings its own `subscribe` over the gateway's PubSub seam
// (src/pubsub); type-graphql still insists on a topic-based PubSub being given.
const TOPICS_UNUSED: PubSub = {
  publish: () => {
    throw new Error('type-graphql topics are not used: publish through src/pubsub');
  },
  subscribe: () => {
    throw new Error('type-graphql topics are not used: subscribe through src/pubsub');
  },
};

/** Builds the schema. Class-validator is off: arguments are validated explicitly at the edge. */
export async function buildGatewaySchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
    pubSub: TOPICS_UNUSED,
  });
  callFieldResolversDirectly(schema, resolvers);
  return schema;
}
