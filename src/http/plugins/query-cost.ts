// Query cost: depth, alias and complexity limits checked before execution (so before any upstream call), and the cost reported in extensions.cost.
import type { ApolloServerPlugin } from '@apollo/server';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  getNamedType,
  isLeafType,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { type ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import { LRUCache } from 'lru-cache';

import { ErrorCode } from '../../errors/codes';
import { MAX_PAGE_SIZE } from '../../schema/inputs/page.args';

/** The limits an operation must stay within. */
export interface QueryLimits {
  maxCost: number;
  maxDepth: number;
  maxAliases: number;
}

/** What an operation was measured at. */
export interface QueryCost {
  requestedQueryCost: number;
  depth: number;
  aliases: number;
}

/** The per-order upstream fan-out of `Order.fulfillments`: one call per order, a second of the test-mode budget per 25 orders. */
const FAN_OUT_COST = 25;

/**
 * The cost model, in the spirit of large commerce GraphQL APIs: leaves are
 * free, every object or embedded list costs 1 plus its children, a connection
 * costs `first` times its children, and a field that makes one upstream call
 * per parent costs {@link FAN_OUT_COST} more.
 */
const estimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (isLeafType(getNamedType(field.type))) return 0;
  const key = `${type.name}.${field.name}`;
  if (key === 'Query.orders' || key === 'Query.fulfillmentCancellations') {
    const first = typeof args.first === 'number' ? Math.min(Math.max(args.first, 1), MAX_PAGE_SIZE) : 10;
    return 2 + first * childComplexity;
  }
  if (key === 'Order.fulfillments') return FAN_OUT_COST + childComplexity;
  return 1 + childComplexity;
};

/** Measures one operation; throws QUERY_TOO_COMPLEX (a GraphQLError) past any limit. */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
  limits: QueryLimits,
): QueryCost {
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode =>
    definition.kind === Kind.OPERATION_DEFINITION && (operationName == null || definition.name?.value === operationName));
  const fragments = new Map(document.definitions
    .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
    .map((fragment) => [fragment.name.value, fragment]));
  const shape = operation === undefined ? { depth: 0, aliases: 0 } : measureSelections(operation.selectionSet, fragments, new Set());
  const cost: QueryCost = { requestedQueryCost: 0, depth: shape.depth, aliases: shape.aliases };
  if (shape.depth > limits.maxDepth) throw tooComplex(`the query is ${shape.depth} levels deep; at most ${limits.maxDepth} are allowed`, cost, limits);
  if (shape.aliases > limits.maxAliases) throw tooComplex(`the query uses ${shape.aliases} aliases; at most ${limits.maxAliases} are allowed`, cost, limits);
  // Coerce variables first: a wrong variable type is the client's input error, not a cost failure.
  const coerced = operation === undefined ? { coerced: {} } : getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  if ('errors' in coerced && coerced.errors !== undefined) {
    const [first] = coerced.errors;
    throw new GraphQLError(first?.message ?? 'invalid variables', { extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } } });
  }
  cost.requestedQueryCost = getComplexity({
    schema, query: document, operationName: operationName ?? undefined, variables: coerced.coerced ?? {}, estimators: [estimator],
  });
  if (cost.requestedQueryCost > limits.maxCost) {
    throw tooComplex(`the query costs ${cost.requestedQueryCost}; at most ${limits.maxCost} is allowed (ask for fewer items per page or fewer nested lists)`, cost, limits);
  }
  return cost;
}

function tooComplex(message: string, cost: QueryCost, limits: QueryLimits): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, cost: { ...cost, limits }, http: { status: 400 } } });
}

// Introspection fields (__schema, __type) are not counted: they never reach the upstream.
function measureSelections(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, visiting: Set<string>): { depth: number; aliases: number } {
  let depth = 0;
  let aliases = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      if (selection.alias !== undefined) aliases += 1;
      const child = selection.selectionSet === undefined ? { depth: 0, aliases: 0 } : measureSelections(selection.selectionSet, fragments, visiting);
      depth = Math.max(depth, 1 + child.depth);
      aliases += child.aliases;
    } else {
      const target = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
      if (target === undefined) continue;
      const name = selection.kind === Kind.FRAGMENT_SPREAD ? selection.name.value : undefined;
      // A fragment cycle is a validation error reported elsewhere; do not loop on it.
      if (name !== undefined && visiting.has(name)) continue;
      if (name !== undefined) visiting.add(name);
      const child = measureSelections(target.selectionSet, fragments, visiting);
      if (name !== undefined) visiting.delete(name);
      depth = Math.max(depth, child.depth);
      aliases += child.aliases;
    }
  }
  return { depth, aliases };
}

/** Measurements kept per parsed document, one per variable set; a client varying its variables endlessly evicts the least recently used. */
const MEASUREMENTS_PER_DOCUMENT = 64;

type Measurement = { cost: QueryCost } | { refusal: unknown };

/**
 * {@link measureOperation}, remembered per parsed document (Apollo hands the
 * same DocumentNode for the same query text) and variable set: the walk and
 * the complexity visitor cost as much as executing a small query.
 */
export function createMeasurer(limits: QueryLimits): (schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | undefined) => QueryCost {
  const byDocument = new WeakMap<DocumentNode, LRUCache<string, Measurement>>();
  return (schema, document, operationName, variables) => {
    let measurements = byDocument.get(document);
    if (measurements === undefined) {
      measurements = new LRUCache({ max: MEASUREMENTS_PER_DOCUMENT });
      byDocument.set(document, measurements);
    }
    const key = `${operationName ?? ''}\u0000${JSON.stringify(variables ?? {})}`;
    let measurement = measurements.get(key);
    if (measurement === undefined) {
      try {
        measurement = { cost: measureOperation(schema, document, operationName, variables, limits) };
      } catch (error) {
        measurement = { refusal: error };
      }
      measurements.set(key, measurement);
    }
    if ('refusal' in measurement) throw measurement.refusal;
    return measurement.cost;
  };
}

/** The Apollo plugin: refuses over-limit operations before execution and reports `extensions.cost` on every response. */
export function queryCostPlugin<TContext extends { upstreamCalls(): number }>(limits: QueryLimits): ApolloServerPlugin<TContext> {
  const measure = createMeasurer(limits);
  return {
    async requestDidStart() {
      let cost: QueryCost | undefined;
      return {
        async didResolveOperation({ request, document, operationName, schema }) {
          try {
            cost = measure(schema, document, operationName, request.variables);
          } catch (error) {
            // A refused operation still reports what it would have cost.
            if (error instanceof GraphQLError && typeof error.extensions.cost === 'object') cost = error.extensions.cost as QueryCost;
            throw error;
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = {
            ...result.extensions,
            cost: {
              requestedQueryCost: cost?.requestedQueryCost ?? 0,
              maximumAvailable: limits.maxCost,
              depth: cost?.depth ?? 0,
              upstreamCalls: contextValue?.upstreamCalls?.() ?? 0,
            },
          };
        },
      };
    },
  };
}
