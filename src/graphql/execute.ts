// Executes admitted queries and mutations for every transport through graphql-jit: each operation is compiled once into plain JavaScript and cached.
import type { GatewayExecutionResult, GatewayExecutor, GatewayGraphQLRequestContext, GatewayInterface } from '@apollo/server-gateway-interface';
import {
  type DocumentNode,
  type ExecutionResult,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  execute,
  printSchema,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';

/**
 * Most compiled operations kept, and most bytes they may hold in all (by
 * {@link planBytes}' estimate): a client sending endless distinct queries
 * evicts the least recently used, it cannot grow memory. The bytes bind
 * first for anything but the smallest queries: about 600 plans of eight
 * fields, 130 order pages.
 */
const PLAN_CACHE_ENTRIES = 1_000;
const PLAN_CACHE_BYTES = 10 * 1024 * 1024;

/** What is cached per operation: the compiled form, or `interpreted` when graphql-jit declined it, and its estimated size. */
interface CachedPlan {
  plan: CompiledQuery | 'interpreted';
  bytes: number;
}

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
 * `npm run bench`). 0.8.7 builds those arrays only when a field fails. What
 * 0.8.7 kept of every distinct operation it ever compiled (a memoised path
 * join, fixed upstream in 0.8.9) is patched out by
 * patches/graphql-jit+0.8.7.patch, applied at install.
 */
export class CompiledExecutor implements GatewayInterface {
  private readonly plans = new LRUCache<string, CachedPlan>({
    max: PLAN_CACHE_ENTRIES,
    maxSize: PLAN_CACHE_BYTES,
    sizeCalculation: (cached) => cached.bytes,
  });
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
    const { plan } = this.planFor(queryHash, document, operation, operationName);
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
    const compiled = compilable(operation) ? compile(this.schema, document, operationName) : 'interpreted';
    const plan = { plan: compiled, bytes: compiled === 'interpreted' ? INTERPRETED_BYTES : planBytes(document, operation) };
    this.plans.set(key, plan);
    return plan;
  }
}

/** Queries and mutations compile; introspection stays on graphql-js, whose meta-field resolvers it is built for. */
function compilable(operation: OperationDefinitionNode): boolean {
  if (operation.operation === 'subscription') return false;
  return !operation.selectionSet.selections.some((selection) => selection.kind === 'Field' && selection.name.value.startsWith('__') && selection.name.value !== '__typename');
}

function compile(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined): CachedPlan['plan'] {
  const compiled = compileQuery(schema, document, operationName, { disablingCapturingStackErrors: true });
  return isCompiledQuery(compiled) ? compiled : 'interpreted';
}

/** What a plan graphql-jit declined costs to remember: the key and a marker. */
const INTERPRETED_BYTES = 256;

/**
 * A compiled plan's size once it ran, estimated from its operation (heap
 * growth per distinct plan of graphql-jit 0.8.7 over this schema: 12.6 KB for
 * an eight-field query, 60 KB or more for the order page): 5 KB, 1.25 KB per
 * field selected (fragments expanded), 2 KB when any field takes arguments.
 * Errs high, so the budget holds.
 */
function planBytes(document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  let fields = 0;
  let withArguments = false;
  // Admission bounds the expanded node count, so this walk is bounded too; the counter stops it anyway.
  const walk = (set: SelectionSetNode): void => {
    for (const selection of set.selections) {
      if (fields > 100_000) return;
      if (selection.kind === Kind.FIELD) {
        fields += 1;
        if ((selection.arguments?.length ?? 0) > 0) withArguments = true;
        if (selection.selectionSet !== undefined) walk(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment !== undefined) walk(fragment.selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return 5 * 1024 + fields * 1280 + (withArguments ? 2 * 1024 : 0);
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
