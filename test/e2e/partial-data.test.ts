// Partial data: when the upstream call behind a relation fails, that relation reads null with its error, and the rest of the answer stands.
import { executeText } from '../helpers/graphql-client';
import { simListAll } from '../helpers/simulator-http';
import { type Stack, startStack } from '../helpers/start-stack';

interface RawOrder { id: string }
interface RawFo { id: string | number; upstreamId?: string | number; items: Array<{ pending: number; backordered: number }> }

interface FoNode { id: string; cancellations?: Array<{ id: string }> | null; items?: Array<{ id: string; cancellableQuantity: number }> }
interface OrderNode {
  id: string;
  fulfillments?: Array<{ id: string }> | null;
  fulfillmentOrders?: FoNode[] | null;
  fulfillmentCancellations?: Array<{ id: string }> | null;
}
type Errors = Array<{ path?: Array<string | number>; extensions?: Record<string, unknown> & { code?: string } }>;

const PAGE = 5;

/**
 * One stack per group of tests: the gateway's circuit breaker opens after
 * repeated failures of one endpoint, which would fail later tests for a reason
 * that is not theirs.
 */
function useStack(): { stack: () => Stack; page: () => RawOrder[]; fulfillmentOrdersOf: (orderId: string) => RawFo[] } {
  let stack: Stack;
  let page: RawOrder[];
  let fos: RawFo[];
  beforeAll(async () => {
    // Faults act on upstream calls: the shared cache is off, so each test's reads reach upstream.
    stack = await startStack({ CACHE_TTL_SECONDS: '0' });
    page = (await simListAll<RawOrder>(stack.simulator, '/orders')).slice(0, PAGE);
    fos = await simListAll<RawFo>(stack.simulator, `/fulfillment-orders?${page.map((order) => `upstreamIds=${order.id}`).join('&')}`);
    // The page must hold fulfillment orders, or their relations would prove nothing.
    expect(fos.length).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await stack.stop();
  });
  beforeEach(() => stack.simulator.requestLog.clear());
  afterEach(() => stack.simulator.faults.clear());
  return { stack: () => stack, page: () => page, fulfillmentOrdersOf: (orderId) => fos.filter((fo) => String(fo.upstreamId) === orderId) };
}

const pageQuery = (foFields: string, filter = '') => `query($first: Int!) { orders(first: $first${filter}) { nodes {
  id fulfillments { id } fulfillmentCancellations { id } fulfillmentOrders { id ${foFields} }
} } }`;
const upstreamFailure = { code: 'UPSTREAM_ERROR', upstream: expect.objectContaining({ status: 500 }) };

async function run(stack: Stack, query: string): Promise<{ nodes: OrderNode[]; errors: Errors }> {
  const result = await executeText<{ orders: { nodes: OrderNode[] } }>(stack.url, query, { first: PAGE });
  expect(result.status).toBe(200);
  return { nodes: result.data!.orders.nodes, errors: (result.errors ?? []) as Errors };
}

function calls(stack: Stack, path: string): unknown[] {
  return stack.simulator.requestLog.entries().filter((entry) => entry.path === path);
}

describe('when the cancellations call fails', () => {
  const { stack, page, fulfillmentOrdersOf } = useStack();

  it('reads every cancellation relation as null with its own error, and the orders still answer', async () => {
    stack().simulator.faults.add({ method: 'GET', pathPrefix: '/fulfillment-cancellations', status: 500, times: 0 });
    const { nodes, errors } = await run(stack(), pageQuery('cancellations { id }'));

    expect(nodes.map((node) => node.id)).toEqual(page().map((order) => order.id));
    const expectedPaths: Array<Array<string | number>> = [];
    nodes.forEach((node, index) => {
      expect(node.fulfillmentCancellations).toBeNull();
      expectedPaths.push(['orders', 'nodes', index, 'fulfillmentCancellations']);
      expect(Array.isArray(node.fulfillments)).toBe(true);
      expect(node.fulfillmentOrders?.map((fo) => fo.id)).toEqual(fulfillmentOrdersOf(node.id).map((fo) => String(fo.id)));
      node.fulfillmentOrders!.forEach((fo, foIndex) => {
        expect(fo.cancellations).toBeNull();
        expectedPaths.push(['orders', 'nodes', index, 'fulfillmentOrders', foIndex, 'cancellations']);
      });
    });
    expect(errors.map((error) => error.path).sort()).toEqual(expectedPaths.sort());
    for (const error of errors) expect(error.extensions).toMatchObject(upstreamFailure);
    // One failed batch, reported by every field that needed it: not asked again per field or per fulfillment order.
    expect(calls(stack(), '/fulfillment-cancellations')).toHaveLength(1);
  });

  it('stops a failure under a non-null field at the nearest nullable relation: that order\'s fulfillment orders, not the page', async () => {
    // Accepted orders have units left to cancel, so cancellableQuantity needs the failed call.
    const accepted = (await simListAll<RawOrder>(stack().simulator, '/orders?state=accepted')).slice(0, PAGE);
    const fos = await simListAll<RawFo>(stack().simulator, `/fulfillment-orders?${accepted.map((order) => `upstreamIds=${order.id}`).join('&')}`);
    stack().simulator.requestLog.clear();
    stack().simulator.faults.add({ method: 'GET', pathPrefix: '/fulfillment-cancellations', status: 500, times: 0 });
    const { nodes, errors } = await run(stack(), pageQuery('items { id cancellableQuantity }', ', filter: { state: ACCEPTED }'));

    expect(nodes.map((node) => node.id)).toEqual(accepted.map((order) => order.id));
    let failed = 0;
    nodes.forEach((node, index) => {
      const raw = fos.filter((fo) => String(fo.upstreamId) === node.id);
      // Items with no open unit answer 0 without the cancellations; only the others need the failed call.
      const needsCancellations = raw.some((fo) => fo.items.some((item) => item.pending + item.backordered > 0));
      const own = errors.filter((error) => error.path?.[2] === index && error.path[3] === 'fulfillmentOrders');
      if (needsCancellations) {
        failed += 1;
        expect(node.fulfillmentOrders).toBeNull();
        expect(own.length).toBeGreaterThan(0);
        for (const error of own) expect(error.path?.slice(-3)).toEqual(['items', expect.any(Number), 'cancellableQuantity']);
      } else {
        expect(node.fulfillmentOrders?.map((fo) => fo.id)).toEqual(raw.map((fo) => String(fo.id)));
        expect(own).toEqual([]);
      }
      expect(node.fulfillmentCancellations).toBeNull();
      expect(Array.isArray(node.fulfillments)).toBe(true);
    });
    expect(failed).toBeGreaterThan(0);
    expect(calls(stack(), '/fulfillment-cancellations')).toHaveLength(1);
  });

  it('keeps a fulfillment order reached by itself', async () => {
    const fo = page().flatMap((order) => fulfillmentOrdersOf(order.id))[0]!;
    stack().simulator.faults.add({ method: 'GET', pathPrefix: '/fulfillment-cancellations', status: 500, times: 0 });
    const result = await executeText<{ fulfillmentOrder: { id: string; state: string; cancellations: unknown } | null }>(stack().url,
      'query($id: ID!) { fulfillmentOrder(id: $id) { id state cancellations { id } } }', { id: String(fo.id) });

    expect(result.data?.fulfillmentOrder).toEqual({ id: String(fo.id), state: expect.any(String), cancellations: null });
    expect(result.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([[['fulfillmentOrder', 'cancellations'], 'UPSTREAM_ERROR']]);
  });
});

describe('when another relation\'s call fails', () => {
  const { stack, page, fulfillmentOrdersOf } = useStack();

  it('reads fulfillmentOrders as null with its error, and lists the cancellations', async () => {
    stack().simulator.faults.add({ method: 'GET', pathPrefix: '/fulfillment-orders', status: 500, times: 0 });
    const { nodes, errors } = await run(stack(), pageQuery('cancellations { id }'));

    expect(nodes.map((node) => node.id)).toEqual(page().map((order) => order.id));
    nodes.forEach((node) => {
      expect(node.fulfillmentOrders).toBeNull();
      expect(Array.isArray(node.fulfillmentCancellations)).toBe(true);
    });
    expect(errors.map((error) => error.path)).toEqual(nodes.map((_node, index) => ['orders', 'nodes', index, 'fulfillmentOrders']));
    for (const error of errors) expect(error.extensions).toMatchObject(upstreamFailure);
    expect(calls(stack(), '/fulfillment-orders')).toHaveLength(1);
  });

  it('fails only the fulfillments of the one order whose call failed', async () => {
    stack().simulator.faults.add({ method: 'GET', pathPrefix: '/fulfillments', status: 500, times: 1 });
    const { nodes, errors } = await run(stack(), pageQuery('cancellations { id }'));

    const nulls = nodes.flatMap((node, index) => (node.fulfillments === null ? [index] : []));
    expect(nulls).toHaveLength(1);
    expect(errors.map((error) => error.path)).toEqual([['orders', 'nodes', nulls[0]!, 'fulfillments']]);
    expect(errors[0]!.extensions).toMatchObject(upstreamFailure);
    nodes.forEach((node, index) => {
      if (index !== nulls[0]) expect(Array.isArray(node.fulfillments)).toBe(true);
      expect(Array.isArray(node.fulfillmentOrders)).toBe(true);
      expect(Array.isArray(node.fulfillmentCancellations)).toBe(true);
    });
    expect(calls(stack(), '/fulfillments')).toHaveLength(PAGE);
  });

  it('answers lists, empty when upstream has none, when nothing failed', async () => {
    const { nodes, errors } = await run(stack(), pageQuery('cancellations { id }'));
    expect(errors).toEqual([]);
    for (const node of nodes) {
      expect(Array.isArray(node.fulfillments)).toBe(true);
      expect(Array.isArray(node.fulfillmentCancellations)).toBe(true);
      expect(node.fulfillmentOrders?.length).toBe(fulfillmentOrdersOf(node.id).length);
      for (const fo of node.fulfillmentOrders!) expect(Array.isArray(fo.cancellations)).toBe(true);
    }
    expect(nodes.some((node) => node.fulfillmentOrders?.length === 0)).toBe(true);
  });
});
