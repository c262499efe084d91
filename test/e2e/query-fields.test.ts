// Every Query field of the contract against the simulator, over HTTP, checked against the simulator's own data.
import {
  ChargeByIdDocument,
  FulfillmentByIdDocument,
  FulfillmentCancellationByIdDocument,
  FulfillmentCancellationsDocument,
  FulfillmentOrderByIdDocument,
  OrderDetailsDocument,
  OrderPageDocument,
  type FulfillmentCancellationsQuery,
  type OrderPageQuery,
  SourceByIdDocument,
} from '../generated/graphql';
import { type GraphQLResult, execute } from '../helpers/graphql-client';
import { simGet, simListAll } from '../helpers/simulator-http';
import { type Stack, startStack } from '../helpers/start-stack';

interface RawOrder { id: string; customerId?: string; state: string; payment?: { charges?: Array<{ id: string; sourceId?: string; captures?: Array<{ fulfillmentId?: string }> }>; sources?: Array<{ id: string; type: string }> } }
interface RawCancellation { id: string; fulfillmentOrderId: string | number; upstreamId?: string | number; state: string; createdTime: unknown }
interface RawFulfillment { id: string; orderId: string; items: Array<{ itemId: string | number; quantity: number; cancelQuantity: number }> }

describe('Query fields', () => {
  let stack: Stack;
  let orders: RawOrder[];

  beforeAll(async () => {
    stack = await startStack();
    orders = await simListAll<RawOrder>(stack.simulator, '/orders');
  });

  afterAll(async () => {
    await stack.stop();
  });

  it('order: answers every field of an order with its links', async () => {
    const raw = orders.find((order) => (order.payment?.charges?.length ?? 0) > 0 && order.state === 'complete')!;
    const result = await execute(stack.url, OrderDetailsDocument, { id: raw.id });
    expect(result.errors).toBeUndefined();
    const order = result.data!.order!;
    expect(order).toMatchObject({ id: raw.id, state: 'COMPLETE', customerId: raw.customerId ?? null });
    expect(order.createdTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    expect(order.charges.map((charge) => charge.orderId)).toEqual(order.charges.map(() => raw.id));
    expect(order.fulfillments?.length).toBeGreaterThan(0);
    expect(order.fulfillments!.every((fulfillment) => fulfillment.orderId === raw.id)).toBe(true);
    for (const fulfillment of order.fulfillments!) {
      for (const item of fulfillment.items) expect(item.orderItem?.id).toBe(item.itemId);
    }
    for (const fo of order.fulfillmentOrders!) {
      expect(fo.order?.id).toBe(raw.id);
      for (const item of fo.items) {
        expect(item.pending + item.backordered + item.shipped + item.cancelled + item.returned).toBe(item.quantity);
        expect(item.orderItem?.id).toBe(item.upstreamId);
      }
    }
  });

  it('order: an unknown id is null with NOT_FOUND', async () => {
    const result = await execute(stack.url, OrderDetailsDocument, { id: '999999999999' });
    expect(result.data?.order).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('orders: pages through every order with after, newest first, with no duplicates', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let hasPreviousPage = false;
    for (let page = 0; page < 20; page += 1) {
      const result: GraphQLResult<OrderPageQuery> = await execute(stack.url, OrderPageDocument, { first: 100, after });
      expect(result.errors).toBeUndefined();
      const connection = result.data!.orders;
      expect(connection.pageInfo.hasPreviousPage).toBe(hasPreviousPage);
      expect(connection.edges.map((edge) => edge.node.id)).toEqual(connection.nodes.map((node) => node.id));
      seen.push(...connection.nodes.map((node) => node.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
      hasPreviousPage = true;
    }
    expect(seen).toEqual(orders.map((order) => order.id));
  });

  it('orders: filters by customer, state and ids', async () => {
    const customerId = orders.find((order) => order.customerId !== undefined)!.customerId!;
    const byCustomer = await execute(stack.url, OrderPageDocument, { first: 100, filter: { customerId } });
    expect(byCustomer.data!.orders.nodes.map((order) => order.id))
      .toEqual(orders.filter((order) => order.customerId === customerId).slice(0, 100).map((order) => order.id));
    const byState = await execute(stack.url, OrderPageDocument, { first: 100, filter: { state: 'CANCELLED' } });
    expect(byState.data!.orders.nodes.length).toBeGreaterThan(0);
    expect(byState.data!.orders.nodes.every((order) => order.state === 'CANCELLED')).toBe(true);
    const ids = [orders[3]!.id, orders[7]!.id];
    const byIds = await execute(stack.url, OrderPageDocument, { first: 10, filter: { ids } });
    expect(byIds.data!.orders.nodes.map((order) => order.id)).toEqual(ids);
    const none = await execute(stack.url, OrderPageDocument, { first: 10, filter: { ids: [] } });
    expect(none.data!.orders.nodes).toEqual([]);
  });

  it('fulfillmentOrder: one by id, with its order, items and cancellations', async () => {
    const withCancellations = (await simListAll<RawCancellation>(stack.simulator, '/fulfillment-cancellations')).find((c) => c.upstreamId !== undefined)!;
    const result = await execute(stack.url, FulfillmentOrderByIdDocument, { id: String(withCancellations.fulfillmentOrderId) });
    expect(result.errors).toBeUndefined();
    const fo = result.data!.fulfillmentOrder!;
    expect(fo.id).toBe(String(withCancellations.fulfillmentOrderId));
    expect(fo.order?.id).toBe(String(withCancellations.upstreamId));
    expect(fo.cancellations?.map((c) => c.id)).toContain(withCancellations.id);
    for (const item of fo.items) expect(item.orderItem?.id).toBe(item.upstreamId);
  });

  it('fulfillmentCancellation: one by id, createdTime always ISO whatever form upstream used', async () => {
    const all = await simListAll<RawCancellation>(stack.simulator, '/fulfillment-cancellations');
    const javaForm = all.find((c) => typeof c.createdTime === 'object')!;
    const isoForm = all.find((c) => typeof c.createdTime === 'string')!;
    expect(javaForm).toBeDefined();
    for (const raw of [javaForm, isoForm]) {
      const result = await execute(stack.url, FulfillmentCancellationByIdDocument, { id: raw.id });
      expect(result.errors).toBeUndefined();
      const cancellation = result.data!.fulfillmentCancellation!;
      expect(cancellation).toMatchObject({ id: raw.id, fulfillmentOrderId: String(raw.fulfillmentOrderId), state: raw.state.toUpperCase() });
      expect(cancellation.createdTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
      expect(cancellation.fulfillmentOrder?.id).toBe(String(raw.fulfillmentOrderId));
      for (const item of cancellation.items) expect(item.fulfillmentOrderItem?.id).toBe(item.fulfillmentOrderItemId);
    }
  });

  it('fulfillmentCancellations: filters by fulfillment order and state, and pages with after', async () => {
    const all = await simListAll<RawCancellation>(stack.simulator, '/fulfillment-cancellations');
    const fulfillmentOrderId = String(all[0]!.fulfillmentOrderId);
    const expected = all.filter((c) => String(c.fulfillmentOrderId) === fulfillmentOrderId && c.state === 'rejected').map((c) => c.id);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const result: GraphQLResult<FulfillmentCancellationsQuery> = await execute(stack.url, FulfillmentCancellationsDocument, { first: 3, after, filter: { fulfillmentOrderId, state: 'REJECTED' } });
      expect(result.errors).toBeUndefined();
      seen.push(...result.data!.fulfillmentCancellations.nodes.map((c) => c.id));
      after = result.data!.fulfillmentCancellations.pageInfo.hasNextPage ? result.data!.fulfillmentCancellations.pageInfo.endCursor : null;
    } while (after !== null);
    expect(seen).toEqual(expected);
  });

  it('charge: the full charge with its order, source and the fulfillment behind each capture', async () => {
    const raw = orders.find((order) => order.payment?.charges?.some((charge) => (charge.captures ?? []).some((capture) => capture.fulfillmentId !== undefined)))!;
    const rawCharge = raw.payment!.charges!.find((charge) => (charge.captures ?? []).length > 0)!;
    const result = await execute(stack.url, ChargeByIdDocument, { id: rawCharge.id });
    expect(result.errors).toBeUndefined();
    const charge = result.data!.charge!;
    expect(charge).toMatchObject({ id: rawCharge.id, orderId: raw.id, order: { id: raw.id }, sourceId: rawCharge.sourceId });
    expect(charge.paymentSessionId).not.toBeNull();
    expect(charge.source?.id).toBe(rawCharge.sourceId);
    for (const capture of charge.captures) {
      if (capture.fulfillmentId !== null) expect(capture.fulfillment?.id).toBe(capture.fulfillmentId);
    }
  });

  it('source: full details from GET /sources, never the clientSecret', async () => {
    const rawSource = orders.flatMap((order) => order.payment?.sources ?? [])[0]!;
    const upstream = await simGet<{ clientSecret: string; state: string }>(stack.simulator, `/sources/${rawSource.id}`);
    expect(upstream.clientSecret).toContain(rawSource.id);
    const response = await fetch(`${stack.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query($id: ID!) { source(id: $id) { id type state reusable createdTime } }', variables: { id: rawSource.id } }),
    });
    const text = await response.text();
    expect(JSON.parse(text).data.source).toMatchObject({ id: rawSource.id, type: rawSource.type, state: upstream.state });
    expect(text).not.toContain(upstream.clientSecret);
    expect(JSON.stringify(stack.logs)).not.toContain(upstream.clientSecret);
    const typed = await execute(stack.url, SourceByIdDocument, { id: rawSource.id });
    expect(typed.data?.source?.id).toBe(rawSource.id);
  });

  it('fulfillment: one by id with its order and order items', async () => {
    const withFulfillments = orders.find((order) => order.state === 'fulfilled' || order.state === 'complete')!;
    const fulfillments = await simListAll<RawFulfillment>(stack.simulator, `/fulfillments?orderId=${withFulfillments.id}`);
    const raw = fulfillments[0]!;
    const result = await execute(stack.url, FulfillmentByIdDocument, { id: raw.id });
    expect(result.errors).toBeUndefined();
    const fulfillment = result.data!.fulfillment!;
    expect(fulfillment).toMatchObject({ id: raw.id, orderId: withFulfillments.id, order: { id: withFulfillments.id } });
    expect(fulfillment.items.map((item) => [item.itemId, item.quantity, item.cancelQuantity]))
      .toEqual(raw.items.map((item) => [String(item.itemId), item.quantity, item.cancelQuantity]));
    for (const item of fulfillment.items) expect(item.orderItem?.id).toBe(item.itemId);
  });
});
