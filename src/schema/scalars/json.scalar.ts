// The contract's JSON scalar: any JSON value, passed through (graphql-scalars' implementation).
import { GraphQLScalarType } from 'graphql';
import { JSONResolver } from 'graphql-scalars';

/** `JSON`: an arbitrary JSON value, e.g. an order's `metadata`. */
export const JsonScalar = new GraphQLScalarType({
  ...JSONResolver.toConfig(),
  name: 'JSON',
  description: 'An arbitrary JSON value, passed through as upstream sent it (e.g. an order\'s metadata map).',
});
