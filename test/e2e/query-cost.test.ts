// Depth, alias, list-size and batching bombs are refused before any upstream call; every response reports its cost.
import { OrderPageDocument } from '../generated/graphql';
import { execute, executeText } from '../helpers/graphql-client';
import { type Stack, startStack } from '../helpers/start-stack';

describe('query cost', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ QUERY_MAX_COST: '3000', QUERY_MAX_DEPTH: '10', QUERY_MAX_ALIASES: '20' });
  });

  afterAll(async () => {
    await stack.stop();
  });

  beforeEach(() => stack.simulator.requestLog.clear());

  const expectRefused = async (query: string, message: RegExp, variables: Record<string, unknown> = {}) => {
    const result = await executeText(stack.url, query, variables);
    expect(result.status).toBe(400);
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(stack.simulator.requestLog.entries()).toEqual([]);
  };

  it('refuses a depth bomb', async () => {
    let selection = 'id';
    for (let level = 0; level < 6; level += 1) selection = `order { fulfillmentOrders { ${selection} } }`;
    await expectRefused(`{ fulfillmentOrder(id: "1") { ${selection} } }`, /levels deep; at most 10 are allowed/);
  });

  it('refuses an alias bomb', async () => {
    const aliases = Array.from({ length: 21 }, (_, index) => `a${index}: order(id: "${index}") { id }`).join(' ');
    await expectRefused(`{ ${aliases} }`, /uses 21 aliases; at most 20 are allowed/);
  });

  it('refuses a list-size bomb that would fan out upstream', async () => {
    await expectRefused('{ orders(first: 100) { nodes { id fulfillments { id items { itemId } } charges { captures { fulfillment { id order { id } } } } } } }',
      /the query costs \d+; at most 3000 is allowed/);
  });

  it('refuses a fragment-hidden depth bomb too', async () => {
    await expectRefused(`
      fragment F on FulfillmentOrder { order { fulfillmentOrders { order { fulfillmentOrders { order { fulfillmentOrders { order { fulfillmentOrders { order { id } } } } } } } } } }
      { fulfillmentOrder(id: "1") { ...F } }`, /levels deep/);
  });

  it('refuses operation batching', async () => {
    const response = await fetch(`${stack.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ orders(first: 1) { nodes { id } } }' }, { query: '{ orders(first: 1) { nodes { id } } }' }]),
    });
    expect(response.status).toBe(400);
    expect(stack.simulator.requestLog.entries()).toEqual([]);
  });

  it('reports the computed cost and the upstream calls on every response', async () => {
    const result = await execute(stack.url, OrderPageDocument, { first: 50 });
    expect(result.errors).toBeUndefined();
    const cost = result.extensions?.cost as { requestedQueryCost: number; maximumAvailable: number; depth: number; upstreamCalls: number };
    expect(cost.requestedQueryCost).toBeGreaterThan(50);
    expect(cost.requestedQueryCost).toBeLessThanOrEqual(3000);
    expect(cost.maximumAvailable).toBe(3000);
    expect(cost.depth).toBe(6);
    expect(cost.upstreamCalls).toBe(stack.simulator.requestLog.entries().length);
    const page100 = await execute(stack.url, OrderPageDocument, { first: 100 });
    expect(page100.errors).toBeUndefined();
    const refused = await executeText(stack.url, '{ orders(first: 100) { nodes { id fulfillments { id items { itemId } } charges { captures { fulfillment { id order { id } } } } } } }');
    expect((refused.extensions?.cost as { requestedQueryCost: number }).requestedQueryCost).toBeGreaterThan(3000);
  });
});
