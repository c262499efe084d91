// Executes admitted queries and mutations for every transport through graphql-jit: each operation is compiled once into plain JavaScript and cached.
import type { GatewayExecutionResult, GatewayExecutor, GatewayGraphQLRequestContext, GatewayInterface } from '@apollo/server-gateway-interface';
import { type DocumentNode, type ExecutionResult, GraphQLError, type GraphQLSchema, type OperationDefinitionNode, execute, printSchema } from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';

/** How many compiled operations are kept; a client sending endless distinct queries evicts the least recently used, it cannot grow memory. */
const COMPILED_CACHE_SIZE = 1_000;

/** What is cached per operation: the compiled form, or `interpreted` when graphql-jit declined it. */
type CachedPlan = CompiledQuery | 'interpreted';

/** One admitted operation to run, whatever transport carried it. */
export interface Execution {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  operationName: string | undefined;
  variables: Record<string, unknown>;
  /** The document's sha256: plans are cached under it. */
  queryHash: string;
  context: unknown;
}

/** Executor statistics, for tests and diagnostics. */
export interface ExecutorStats {
  /** Executions that ran a compiled plan. */
  compiled: number;
  /** Executions that ran on graphql-js (introspection, subscriptions, what graphql-jit declined). */
  interpreted: number;
  /** Executions whose plan came from the cache. */
  cached: number;
  /** Plans held now. */
  plans: number;
}

/**
 * The one place an admitted query or mutation is executed: Apollo calls it
 * through its gateway seam for HTTP, the WebSocket adapter calls
 * {@link CompiledExecutor.run} directly.
 *
 * graphql-js walks the selection set for every field of every object at run
 * time, allocating a path, a promise and an info object per field; moving
 * the 50-order page to compiled plans took it from 57 to 106 requests/s in
 * the throughput benchmark. graphql-jit turns a
 * validated operation into a function once, so a request only runs the
 * resolvers that do work (loaders) and copies the rest. Introspection and
 * anything graphql-jit cannot compile run on graphql-js, with the same
 * schema, context and resolvers.
 *
 * graphql-jit is pinned to 0.8.7: from 0.8.8 the generated code calls a
 * shared runtime helper for every non-null leaf, passing freshly built
 * location and response-path arrays on each call, which made this page
 * allocate ~20% more per request and cost ~12% of throughput (measured with
 * `npm run bench`). 0.8.7 builds those arrays only when a field fails.
 */
export class CompiledExecutor implements GatewayInterface {
  private readonly plans = new LRUCache<string, CachedPlan>({ max: COMPILED_CACHE_SIZE });
  private readonly stats: Omit<ExecutorStats, 'plans'> = { compiled: 0, interpreted: 0, cached: 0 };

  constructor(private readonly schema: GraphQLSchema) {}

  onSchemaLoadOrUpdate(callback: (schemaContext: { apiSchema: GraphQLSchema; coreSupergraphSdl: string }) => void): () => void {
    // The schema is fixed for the process; Apollo derives its validation data from this one call.
    callback({ apiSchema: this.schema, coreSupergraphSdl: printSchema(this.schema) });
    return () => undefined;
  }

  async load(): Promise<{ executor: GatewayExecutor }> {
    return { executor: (requestContext) => this.execute(requestContext) };
  }

  async stop(): Promise<void> {
    this.plans.clear();
  }

  /** Counters of compiled, interpreted and cache-hit executions so far. */
  statistics(): ExecutorStats {
    return { ...this.stats, plans: this.plans.size };
  }

  /**
   * Runs one admitted query or mutation: the compiled plan when graphql-jit
   * compiled it, graphql-js otherwise. Resolves with data and/or errors;
   * never rejects for a resolver's failure.
   */
  async run({ document, operation, operationName, variables, queryHash, context }: Execution): Promise<ExecutionResult> {
    const plan = this.planFor(queryHash, document, operation, operationName);
    if (plan === 'interpreted') {
      this.stats.interpreted += 1;
      return execute({ schema: this.schema, document, contextValue: context, variableValues: variables, operationName });
    }
    this.stats.compiled += 1;
    const result = await plan.query(undefined, context, variables);
    return result.errors === undefined ? result : { ...result, errors: result.errors.map(asGraphQLError) };
  }

  private execute(requestContext: GatewayGraphQLRequestContext): Promise<GatewayExecutionResult> {
    const { document, operation, request, context, queryHash } = requestContext;
    return this.run({ document, operation, operationName: request.operationName ?? undefined, variables: request.variables ?? {}, queryHash, context });
  }

  private planFor(queryHash: string, document: DocumentNode, operation: OperationDefinitionNode, operationName: string | undefined): CachedPlan {
    const key = `${queryHash}\u0000${operationName ?? ''}`;
    const cached = this.plans.get(key);
    if (cached !== undefined) {
      this.stats.cached += 1;
      return cached;
    }
    const plan = compilable(operation) ? compile(this.schema, document, operationName) : 'interpreted';
    this.plans.set(key, plan);
    return plan;
  }
}

/** Queries and mutations compile; introspection stays on graphql-js, whose meta-field resolvers it is built for. */
function compilable(operation: OperationDefinitionNode): boolean {
  if (operation.operation === 'subscription') return false;
  return !operation.selectionSet.selections.some((selection) => selection.kind === 'Field' && selection.name.value.startsWith('__') && selection.name.value !== '__typename');
}

function compile(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined): CachedPlan {
  const compiled = compileQuery(schema, document, operationName, { disablingCapturingStackErrors: true });
  return isCompiledQuery(compiled) ? compiled : 'interpreted';
}

/**
 * graphql-jit's errors inherit from GraphQLError without running its
 * constructor, so they lack what Apollo's error pipeline reads (an
 * `extensions` object, own enumerable fields). Rebuilt here as real
 * GraphQLErrors with the same message, locations, path and original error.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  const rebuilt = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions,
  });
  if (error.locations !== undefined) Object.defineProperty(rebuilt, 'locations', { value: error.locations, enumerable: true });
  return rebuilt;
}
