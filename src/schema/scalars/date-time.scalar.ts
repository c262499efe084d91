// The contract's DateTime scalar: ISO-8601 in UTC on output; ISO strings accepted on input.
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/** Normalises an ISO-8601 string to UTC (`Z`), or returns `undefined` when it is not a valid date-time. */
export function normaliseIsoDateTime(value: string): string | undefined {
  if (ISO_UTC.test(value)) return value;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(value) ? undefined : parsed.toISOString();
}

function serialise(value: unknown): string {
  if (typeof value === 'string') {
    // Mappers already normalised upstream times; this only guards hand-built values.
    const iso = normaliseIsoDateTime(value);
    if (iso !== undefined) return iso;
  } else if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return value.toISOString();
  }
  throw new GraphQLError(`DateTime cannot represent ${JSON.stringify(value)}: expected an ISO-8601 date-time`);
}

function parseInput(value: unknown): string {
  const iso = typeof value === 'string' ? normaliseIsoDateTime(value) : undefined;
  if (iso === undefined) {
    throw new GraphQLError(`DateTime expects an ISO-8601 date-time such as "2024-03-04T10:00:00Z", got ${JSON.stringify(value)}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return iso;
}

/** `DateTime`: an ISO-8601 date-time in UTC, e.g. `2024-03-04T10:00:00Z` (fractional seconds kept when upstream sends them). */
export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description: 'An ISO-8601 date-time in UTC, e.g. "2024-03-04T10:00:00Z"; fractional seconds are kept when upstream sends them.',
  serialize: serialise,
  parseValue: parseInput,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime literals must be strings', { nodes: ast });
    return parseInput(ast.value);
  },
});
