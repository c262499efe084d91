// A customer asking for another customer's object and for an id that does not exist gets byte-identical answers at identical upstream calls, for every single-object query.
import { type GraphQLResult, executeText } from '../helpers/graphql-client';
import { type Stack, startStack } from '../helpers/start-stack';
import { TEST_JWT_SECRET, bearer, customerToken } from '../helpers/tokens';

/** What a probe shows the customer, and what it cost upstream, with the asked id replaced by `<ID>`. */
interface Observed {
  body: string;
  calls: string[];
}

describe('no oracle: another customer\'s object reads like a missing id', () => {
  let stack: Stack;
  let headers: Record<string, string>;
  /** Per kind: an object of another customer, its owning order, and an id of the same shape that does not exist. */
  const probes = new Map<string, { theirs: string; theirOrder: string; missing: string }>();
  let ownOrderId: string;

  beforeAll(async () => {
    // The cache off and the upstream budget off: the calls counted are the calls made, and none waits.
    stack = await startStack({ AUTH_JWT_SECRET: TEST_JWT_SECRET, CACHE_TTL_SECONDS: '0', UPSTREAM_RATE_LIMIT: '0' });
    const { store } = stack.simulator;
    const [me, other, bulkOwner] = [store.facts.customerIds[0]!, store.facts.customerIds[1]!, store.orders.get(store.facts.bulkOrderId)!.customerId!];
    headers = bearer(await customerToken(me === bulkOwner ? other : me));
    const viewerId = me === bulkOwner ? other : me;
    ownOrderId = store.orders.sorted().find((order) => order.customerId === viewerId)!.id;
    const theirOrder = store.orders.sorted().find((order) => order.customerId !== undefined && order.customerId !== viewerId && order.payment.chargeIds.length > 0)!;
    const theirFo = store.fulfillmentOrders.sorted().find((fo) => store.orders.get(fo.upstreamId)?.customerId !== viewerId && store.orders.get(fo.upstreamId)?.customerId !== undefined)!;
    const filed = store.cancellations.sorted().find((c) => c.upstreamId !== undefined && store.orders.get(c.upstreamId)?.customerId !== viewerId)!;
    // Filed without upstreamId (another integration): owned only through its fulfillment order, and not the viewer's.
    const unfiled = store.cancellations.sorted().find((c) => c.upstreamId === undefined
      && store.orders.get(store.fulfillmentOrders.get(c.fulfillmentOrderId)!.upstreamId)?.customerId !== viewerId)!;
    const theirFulfillment = store.fulfillments.sorted().find((f) => store.orders.get(f.orderId)?.customerId !== viewerId)!;
    const uuid = '00000000-0000-4000-8000-000000000000';
    probes.set('order', { theirs: theirOrder.id, theirOrder: theirOrder.id, missing: '999999990336' });
    probes.set('fulfillmentOrder', { theirs: theirFo.id, theirOrder: theirFo.upstreamId, missing: '9999999999' });
    probes.set('fulfillmentCancellation', { theirs: filed.id, theirOrder: filed.upstreamId!, missing: 'ret_9999999999' });
    probes.set('fulfillmentCancellation without upstreamId', {
      theirs: unfiled.id, theirOrder: store.fulfillmentOrders.get(unfiled.fulfillmentOrderId)!.upstreamId, missing: 'ret_9999999999',
    });
    probes.set('charge', { theirs: theirOrder.payment.chargeIds[0]!, theirOrder: theirOrder.id, missing: uuid });
    probes.set('source', { theirs: theirOrder.payment.sourceIds[0]!, theirOrder: theirOrder.id, missing: uuid });
    probes.set('fulfillment', { theirs: theirFulfillment.id, theirOrder: theirFulfillment.orderId, missing: `ful_${uuid}` });
  });

  afterAll(async () => {
    await stack.stop();
  });

  /** Runs `query` with `variables`, and returns the whole answer and the upstream calls it caused, `id` replaced. */
  const observe = async (query: string, variables: Record<string, string>, id: string): Promise<Observed> => {
    stack.simulator.requestLog.clear();
    const answer: GraphQLResult<unknown> = await executeText(stack.url, query, variables, headers);
    const hide = (text: string): string => text.split(id).join('<ID>');
    const calls = stack.simulator.requestLog.entries().map((call) => hide(`${call.method} ${call.path} ${JSON.stringify(call.query)}`));
    expect(answer.extensions?.cost).toBeDefined();
    // What is left in the caller's own cost bucket depends on the caller's earlier requests and the clock, not on the
    // object asked for: compared without it (the rest of throttleStatus, and every other cost figure, must match).
    const { throttleStatus, ...cost } = answer.extensions?.cost as { throttleStatus?: Record<string, unknown> };
    const { currentlyAvailable: _left, ...bucket } = throttleStatus ?? {};
    // Sorted: calls made side by side may reach upstream in either order.
    return { body: hide(JSON.stringify({ data: answer.data, errors: answer.errors, cost: { ...cost, throttleStatus: bucket } })), calls: calls.sort() };
  };

  const field = (kind: string): string => kind.split(' ')[0]!;

  describe('One object by id', () => {
    it.each([
      'order', 'fulfillmentOrder', 'fulfillmentCancellation', 'fulfillmentCancellation without upstreamId', 'charge', 'source', 'fulfillment',
    ])('%s: the same data, errors, cost and upstream calls', async (kind) => {
      const probe = probes.get(kind)!;
      const query = `query($id: ID!) { ${field(kind)}(id: $id) { id } }`;
      const theirs = await observe(query, { id: probe.theirs }, probe.theirs);
      const missing = await observe(query, { id: probe.missing }, probe.missing);
      expect(JSON.parse(theirs.body)).toMatchObject({ data: { [field(kind)]: null }, errors: [{ extensions: { code: 'NOT_FOUND' } }] });
      expect(missing).toEqual(theirs);
      expect(theirs.calls.length).toBeGreaterThan(0);
    });
  });

  describe('List cursors', () => {
    const ORDERS = 'query($after: String) { orders(first: 3, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }';
    const cursorOf = (id: string): string => Buffer.from(`v1:${id}`).toString('base64url');

    it('refuses another customer\'s order and a missing id as `after` alike, at the same calls', async () => {
      const probe = probes.get('order')!;
      const theirs = await observe(ORDERS, { after: cursorOf(probe.theirs) }, probe.theirs);
      const missing = await observe(ORDERS, { after: cursorOf(probe.missing) }, probe.missing);
      expect(JSON.parse(theirs.body)).toMatchObject({ data: null, errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
      expect(missing).toEqual(theirs);
    });

    it('pages on from the customer\'s own cursor', async () => {
      const first: GraphQLResult<{ orders: { nodes: Array<{ id: string }>; pageInfo: { endCursor: string } } }> = await executeText(stack.url, ORDERS, {}, headers);
      const second: GraphQLResult<{ orders: { nodes: Array<{ id: string }> } }> = await executeText(stack.url, ORDERS, { after: first.data!.orders.pageInfo.endCursor }, headers);
      expect(second.errors).toBeUndefined();
      const own = stack.simulator.store.orders.sorted().filter((order) => order.customerId === stack.simulator.store.orders.get(ownOrderId)!.customerId).map((order) => order.id);
      expect([...first.data!.orders.nodes, ...second.data!.orders.nodes].map((order) => order.id)).toEqual(own.slice(0, 6));
    });
  });

  describe('Beside a load of the owning order', () => {
    // Asking for the order that would own the object first must not make the
    // owner check cheaper for another customer's object than for a missing id.
    it.each([
      'fulfillmentOrder', 'fulfillmentCancellation', 'fulfillmentCancellation without upstreamId', 'charge', 'fulfillment',
    ])('%s: the same answer and calls', async (kind) => {
      const probe = probes.get(kind)!;
      const query = `query($id: ID!, $order: ID!, $own: ID!) { o: order(id: $order) { id } mine: order(id: $own) { id } x: ${field(kind)}(id: $id) { id } }`;
      const theirs = await observe(query, { id: probe.theirs, order: probe.theirOrder, own: ownOrderId }, probe.theirs);
      const missing = await observe(query, { id: probe.missing, order: probe.theirOrder, own: ownOrderId }, probe.missing);
      expect(missing).toEqual(theirs);
    });
  });
});
