// The lean request path (admission, compiled plan, views over the upstream JSON) answers exactly what graphql-js answers over the same schema and simulator: the order page, and a query over every type and field.
import 'reflect-metadata';

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  type ExecutionResult,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  execute,
  getNamedType,
  isLeafType,
  isNonNullType,
  isObjectType,
  parse,
} from 'graphql';

import { DEVELOPMENT_ADMIN, type Viewer } from '../../src/auth/viewer';
import { loadConfig } from '../../src/config';
import { buildGatewaySchema } from '../../src/graphql/build-schema';
import type { ContextDependencies } from '../../src/graphql/context';
import { type OperationPipeline, createOperationPipeline } from '../../src/graphql/pipeline';
import { createMemoryIdempotencyStore } from '../../src/idempotency/idempotency-store';
import { createEventLoaderPool } from '../../src/loaders/event-loader-pool';
import { createLogger } from '../../src/logger';
import { createMetrics } from '../../src/metrics/metrics';
import { createMemoryPubSub } from '../../src/pubsub/memory-pubsub';
import { createMemoryReplayLog } from '../../src/pubsub/memory-replay-log';
import type { MutationRecord } from '../../src/resolvers/resolver-context';
import { type Simulator, createSimulator } from '../../src/simulator/create-simulator';
import { type UpstreamClient, createUpstreamClient } from '../../src/upstream/client';

let simulator: Simulator;
let upstream: UpstreamClient;
let schema: GraphQLSchema;
let pipeline: OperationPipeline;
/** Every upstream call either path made, by request id. */
const callsByRequest = new Map<string, number>();

beforeAll(async () => {
  simulator = await createSimulator();
  // Cache off: each path must make its own upstream calls, not read the other's.
  const config = loadConfig({ DR_API_BASE_URL: simulator.url, DR_API_KEY: 'sk_test_simulator', LOG_LEVEL: 'silent', CACHE_TTL_SECONDS: '0', UPSTREAM_RATE_LIMIT: '0' });
  upstream = createUpstreamClient({ baseUrl: simulator.url, apiKey: 'sk_test_simulator', applicationId: config.applicationId, timeoutMs: 10_000, connections: 8 });
  const counted: UpstreamClient = {
    get: (collection, id, context) => count(context.requestId, upstream.get(collection, id, context)),
    list: (collection, query, context) => count(context.requestId, upstream.list(collection, query, context)),
    create: (collection, body, context, options) => count(context.requestId, upstream.create(collection, body, context, options)),
    close: () => upstream.close(),
  };
  const logger = createLogger('silent');
  const pubsub = createMemoryPubSub();
  const deps: ContextDependencies = {
    config,
    logger,
    upstream: counted,
    idempotency: createMemoryIdempotencyStore<MutationRecord>(),
    pubsub,
    replay: createMemoryReplayLog(pubsub),
    eventLoaders: createEventLoaderPool(counted, { fetchConcurrency: config.upstreamFetchConcurrency }),
    authenticate: async () => DEVELOPMENT_ADMIN,
  };
  schema = await buildGatewaySchema();
  pipeline = createOperationPipeline(schema, config, deps, createMetrics({ openSubscriptions: () => 0 }), logger);
});

afterAll(async () => {
  await upstream.close();
  await simulator.stop();
});

function count<T>(requestId: string, call: Promise<T>): Promise<T> {
  callsByRequest.set(requestId, (callsByRequest.get(requestId) ?? 0) + 1);
  return call;
}

let requests = 0;

/** Runs `query` through the lean path and through graphql-js, each with a fresh context (and so fresh loaders). */
async function bothWays(query: string, variables: Record<string, unknown> = {}, viewer: Viewer = DEVELOPMENT_ADMIN): Promise<{
  lean: ExecutionResult;
  reference: ExecutionResult;
  calls: { lean: number; reference: number };
}> {
  const context = () => {
    requests += 1;
    return pipeline.newContext(pipeline.log.start('http', `lean-path-${requests}`), '127.0.0.1', viewer);
  };
  const admitted = pipeline.admission.admit({ query, variables }, 'http');
  const leanContext = context();
  leanContext.admitted = admitted;
  const lean = await pipeline.executor.run({ ...admitted, context: leanContext });
  const referenceContext = context();
  const reference = await execute({ schema, document: parse(query), variableValues: variables, contextValue: referenceContext });
  expect(pipeline.executor.statistics().compiled).toBeGreaterThan(0);
  return {
    lean,
    reference,
    calls: { lean: callsByRequest.get(leanContext.requestId) ?? 0, reference: callsByRequest.get(referenceContext.requestId) ?? 0 },
  };
}

/** Errors as clients receive them (message, locations, path, extensions). */
function shown(result: ExecutionResult): unknown {
  return (result.errors ?? []).map((error) => error.toJSON());
}

describe('the order page', () => {
  const orderPage = readFileSync(join(__dirname, '..', 'operations', 'order-page.graphql'), 'utf8');

  it('answers what graphql-js answers for 50 orders, with the same upstream calls', async () => {
    const { lean, reference, calls } = await bothWays(orderPage, { first: 50 });
    expect(reference.errors).toBeUndefined();
    expect(lean.errors).toBeUndefined();
    expect(lean.data).toEqual(reference.data);
    // Something real was compared: 50 orders, their charges, fulfillment orders and cancellations.
    const nodes = (reference.data as { orders: { nodes: Array<{ charges: unknown[]; fulfillmentOrders: unknown[] }> } }).orders.nodes;
    expect(nodes).toHaveLength(50);
    expect(nodes.some((node) => node.charges.length > 0 && node.fulfillmentOrders.length > 0)).toBe(true);
    expect(calls.lean).toBe(calls.reference);
  });

  it('answers what graphql-js answers on the second page and for a customer', async () => {
    const first = await bothWays(orderPage, { first: 5 });
    const after = (first.reference.data as { orders: { pageInfo: { endCursor: string } } }).orders.pageInfo.endCursor;
    const second = await bothWays(orderPage, { first: 5, after });
    expect(second.lean.data).toEqual(second.reference.data);
    const customerId = (first.reference.data as { orders: { nodes: Array<{ customerId: string | null }> } }).orders.nodes.find((node) => node.customerId !== null)?.customerId;
    expect(customerId).toBeDefined();
    const customer: Viewer = { kind: 'customer', subject: 'lean-path-customer', customerId: customerId as string };
    const scoped = await bothWays(orderPage, { first: 10 }, customer);
    expect(scoped.lean.data).toEqual(scoped.reference.data);
    expect(shown(scoped.lean)).toEqual(shown(scoped.reference));
  });
});

describe('every type and field', () => {
  it('answers what graphql-js answers, errors and nulls included, for a query selecting every field of every type a query can reach', async () => {
    const ids = await discoverIds();
    const roots: Record<string, string> = {
      orders: 'orders(first: 20)',
      order: `order(id: "${ids.order}")`,
      charge: `charge(id: "${ids.charge}")`,
      source: `source(id: "${ids.source}")`,
      fulfillmentOrder: `fulfillmentOrder(id: "${ids.fulfillmentOrder}")`,
      fulfillmentCancellation: `fulfillmentCancellation(id: "${ids.cancellation}")`,
      fulfillmentCancellations: 'fulfillmentCancellations(first: 20)',
      fulfillment: `fulfillment(id: "${ids.fulfillment}")`,
    };
    const queryType = schema.getQueryType();
    if (queryType === null || queryType === undefined) throw new Error('no Query type');
    const selected = new Set<string>();
    const expanded = new Set<string>();
    const selections = Object.values(queryType.getFields()).map((field) => {
      const call = roots[field.name];
      if (call === undefined) throw new Error(`no arguments chosen for Query.${field.name}: add it to the test`);
      selected.add(`Query.${field.name}`);
      return `${call} ${selectionOf(getNamedType(field.type), selected, expanded)}`;
    });
    // A missing object reads NOT_FOUND on both paths.
    selections.push('missing: order(id: "0000000000") { id state }');
    const query = `{ ${selections.join(' ')} }`;

    // The document really covers the schema: every field of every object type reachable from Query.
    expect([...reachableFields(schema)].filter((field) => !selected.has(field))).toEqual([]);

    const { lean, reference, calls } = await bothWays(query);
    expect(lean.data).toEqual(reference.data);
    expect(shown(lean)).toEqual(shown(reference));
    expect(shown(reference)).toEqual([expect.objectContaining({ path: ['missing'], extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })]);
    expect(calls.lean).toBe(calls.reference);
    // Every root answered with data, so every type was compared on real values.
    const data = reference.data as Record<string, unknown>;
    for (const root of Object.keys(roots)) expect(data[root]).not.toBeNull();
  });
});

/** Ids of objects that exist in the simulator's demo data, read through the gateway itself. */
async function discoverIds(): Promise<Record<'order' | 'charge' | 'source' | 'fulfillmentOrder' | 'cancellation' | 'fulfillment', string>> {
  const { reference } = await bothWays(`{
    orders(first: 100) { nodes { id charges { id sourceId } fulfillmentOrders { id cancellations { id } } fulfillments { id } } }
  }`);
  type Node = { id: string; charges: Array<{ id: string; sourceId: string | null }>; fulfillmentOrders: Array<{ id: string; cancellations: Array<{ id: string }> }>; fulfillments: Array<{ id: string }> };
  const nodes = (reference.data as { orders: { nodes: Node[] } }).orders.nodes;
  const withAll = nodes.find((node) => node.charges.some((charge) => charge.sourceId !== null)
    && node.fulfillmentOrders.some((fulfillmentOrder) => fulfillmentOrder.cancellations.length > 0) && node.fulfillments.length > 0);
  if (withAll === undefined) throw new Error('no demo order with charges, cancellations and fulfillments');
  const charge = withAll.charges.find((candidate) => candidate.sourceId !== null) as { id: string; sourceId: string };
  const fulfillmentOrder = withAll.fulfillmentOrders.find((candidate) => candidate.cancellations.length > 0) as Node['fulfillmentOrders'][number];
  return {
    order: withAll.id,
    charge: charge.id,
    source: charge.sourceId,
    fulfillmentOrder: fulfillmentOrder.id,
    cancellation: (fulfillmentOrder.cancellations[0] as { id: string }).id,
    fulfillment: (withAll.fulfillments[0] as { id: string }).id,
  };
}

/**
 * A selection set for `type`: every field the first time a type is met (its
 * object fields expanded in turn), only its leaf fields after that, so the
 * document stays finite while selecting every field of every type.
 */
function selectionOf(type: GraphQLNamedType, selected: Set<string>, expanded: Set<string>): string {
  if (!isObjectType(type)) return '';
  const first = !expanded.has(type.name);
  expanded.add(type.name);
  const parts: string[] = [];
  for (const field of Object.values(type.getFields()) as Array<GraphQLField<unknown, unknown>>) {
    if (field.args.some((argument) => isNonNullType(argument.type))) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) {
      parts.push(field.name);
      selected.add(`${type.name}.${field.name}`);
    } else if (first) {
      parts.push(`${field.name} ${selectionOf(named, selected, expanded)}`);
      selected.add(`${type.name}.${field.name}`);
    }
  }
  return `{ __typename ${parts.join(' ')} }`;
}

/** `Type.field` for every field of every object type reachable from Query (introspection aside). */
function reachableFields(gatewaySchema: GraphQLSchema): Set<string> {
  const fields = new Set<string>();
  const seen = new Set<string>();
  const visit = (type: GraphQLNamedType): void => {
    if (!isObjectType(type) || seen.has(type.name)) return;
    seen.add(type.name);
    for (const field of Object.values(type.getFields())) {
      fields.add(`${type.name}.${field.name}`);
      visit(getNamedType(field.type));
    }
  };
  const queryType = gatewaySchema.getQueryType();
  if (queryType !== null && queryType !== undefined) visit(queryType);
  return fields;
}
