// Builds the executable GraphQL schema from the code-first types and resolvers; writes no files.
import 'reflect-metadata';

import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';

import { resolvers } from '../resolvers';
import { DateTimeScalar } from './scalars/date-time.scalar';

/** Builds the schema. Class-validator is off: arguments are validated explicitly at the edge. */
export async function buildGatewaySchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
  });
}
