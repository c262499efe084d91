// Prints the schema as the committed SDL: a banner, then graphql-js' printSchema output.
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';

const BANNER = '# Emitted from the code by `npm run codegen`; do not edit. CI fails when it is stale.\n\n';

/** The SDL of `schema`, types sorted so the file diffs cleanly. */
export function printEmittedSchema(schema: GraphQLSchema): string {
  return `${BANNER}${printSchema(lexicographicSortSchema(schema))}\n`;
}
