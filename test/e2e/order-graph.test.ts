// The order page and the whole order graph over real HTTP, with upstream calls counted from the simulator's log.
import { OrderDetailsDocument, OrderPageDocument } from '../generated/graphql';
import { execute } from '../helpers/graphql-client';
import { simGet, simListAll } from '../helpers/simulator-http';
import { type Stack, startStack } from '../helpers/start-stack';

interface RawCancellation {
  id: string; fulfillmentOrderId: string | number; upstreamId?: string | number; state: string;
  items: Array<{ fulfillmentOrderItemId: string | number; quantity: number; quantityAccepted?: number }>;
}
interface RawFulfillmentOrder { id: string | number; upstreamId?: string | number; items: Array<{ id: string | number; pending: number; backordered: number; cancelled: number }> }
interface RawCard { brand?: string; lastFourDigits?: string }
interface RawOrder { id: string; customerId?: string; payment?: { charges?: Array<{ id: string; sourceId?: string }>; sources?: Array<{ id: string; type: string; creditCard?: RawCard; googlePay?: RawCard }> } }

describe('order graph', () => {
  let stack: Stack;

  beforeAll(async () => {
    // Cold-path call counts: the shared cache is off here (test/e2e/cache.test.ts covers it).
    stack = await startStack({ CACHE_TTL_SECONDS: '0' });
  });

  afterAll(async () => {
    await stack.stop();
  });

  const callsDuring = async <T>(run: () => Promise<T>): Promise<{ result: T; calls: Array<{ path: string; query: Record<string, string[]> }> }> => {
    stack.simulator.requestLog.clear();
    const result = await run();
    return { result, calls: stack.simulator.requestLog.entries().map((entry) => ({ path: entry.path, query: entry.query })) };
  };

  /**
   * Fulfillment orders of these orders whose items have more units in
   * `cancelled` than the cancellations filed under their order accepted: only
   * these may cost a read by fulfillmentOrderId. Computed from the simulator.
   */
  const unaccountedFulfillmentOrders = async (orderIds: readonly string[]): Promise<string[]> => {
    const query = orderIds.map((id) => `upstreamIds=${id}`).join('&');
    const fulfillmentOrders = await simListAll<RawFulfillmentOrder>(stack.simulator, `/fulfillment-orders?${query}`);
    const cancellations = await simListAll<RawCancellation>(stack.simulator, `/fulfillment-cancellations?${query}`);
    return fulfillmentOrders.filter((fo) => fo.items.some((item) => {
      const accepted = cancellations
        .filter((c) => c.state === 'accepted' && String(c.fulfillmentOrderId) === String(fo.id))
        .flatMap((c) => c.items)
        .filter((line) => String(line.fulfillmentOrderItemId) === String(item.id))
        .reduce((sum, line) => sum + (line.quantityAccepted ?? 0), 0);
      return item.cancelled > accepted;
    })).map((fo) => String(fo.id));
  };
  const byFulfillmentOrder = (call: { query: Record<string, string[]> }): boolean => call.query.fulfillmentOrderId !== undefined;

  describe('the order page', () => {
    it('answers 50 orders with 3 upstream calls, plus a read of each fulfillment order whose cancelled units its order\'s cancellations do not explain', async () => {
      const { result, calls } = await callsDuring(() => execute(stack.url, OrderPageDocument, { first: 50 }));
      expect(result.errors).toBeUndefined();
      expect(result.data?.orders.nodes).toHaveLength(50);
      const unaccounted = await unaccountedFulfillmentOrders(result.data!.orders.nodes.map((order) => order.id));
      // The demo data's bulk order has cancellations filed without upstreamId, some accepted.
      expect(unaccounted).toHaveLength(1);
      const firstPages = calls.filter((call) => call.query.startingAfter === undefined);
      expect(firstPages.filter((call) => !byFulfillmentOrder(call)).map((call) => call.path).sort())
        .toEqual(['/fulfillment-cancellations', '/fulfillment-orders', '/orders']);
      expect(firstPages.filter(byFulfillmentOrder).map((call) => call.query.fulfillmentOrderId)).toEqual(unaccounted.map((id) => [id]));
    });

    it('costs the same calls for 1, 5 and 50 orders, paging and fulfillment orders read by themselves aside', async () => {
      const counts: number[] = [];
      for (const first of [1, 5, 50]) {
        const { calls } = await callsDuring(() => execute(stack.url, OrderPageDocument, { first }));
        counts.push(calls.filter((call) => call.query.startingAfter === undefined && !byFulfillmentOrder(call)).length);
      }
      expect(counts).toEqual([3, 3, 3]);
    });

    it('batches every order id into one upstreamIds call per resource', async () => {
      const { result, calls } = await callsDuring(() => execute(stack.url, OrderPageDocument, { first: 50 }));
      const orderIds = result.data?.orders.nodes.map((order) => order.id) ?? [];
      const foCall = calls.find((call) => call.path === '/fulfillment-orders');
      expect(foCall?.query.upstreamIds?.slice().sort()).toEqual(orderIds.slice().sort());
      expect(foCall?.query.limit).toEqual(['100']);
    });

    it('returns the same graph the upstream holds', async () => {
      const page = await execute(stack.url, OrderPageDocument, { first: 20 });
      const nodes = page.data?.orders.nodes ?? [];
      const raw = await simGet<{ data: RawOrder[] }>(stack.simulator, '/orders?limit=20');
      expect(nodes.map((order) => order.id)).toEqual(raw.data.map((order) => order.id));
      for (const [index, order] of nodes.entries()) {
        const upstream = raw.data[index]!;
        expect(order.customerId).toBe(upstream.customerId ?? null);
        expect(order.sources.map((source) => source.id)).toEqual((upstream.payment?.sources ?? []).map((source) => source.id));
        for (const charge of order.charges) {
          const rawCharge = upstream.payment?.charges?.find((candidate) => candidate.id === charge.id);
          const rawSource = upstream.payment?.sources?.find((candidate) => candidate.id === rawCharge?.sourceId);
          expect(charge.source?.id).toBe(rawSource?.id);
          expect(charge.source?.creditCard?.lastFourDigits ?? null).toBe((rawSource?.creditCard ?? rawSource?.googlePay)?.lastFourDigits ?? null);
        }
        const fulfillmentOrders = await simListAll<RawFulfillmentOrder>(stack.simulator, `/fulfillment-orders?upstreamIds=${order.id}`);
        const cancellations = await simListAll<RawCancellation>(stack.simulator, `/fulfillment-cancellations?upstreamIds=${order.id}`);
        expect(order.fulfillmentOrders?.map((fo) => fo.id).sort()).toEqual(fulfillmentOrders.map((fo) => String(fo.id)).sort());
        expect(order.fulfillmentCancellations?.map((c) => c.id).sort()).toEqual(cancellations.map((c) => c.id).sort());
        for (const fo of order.fulfillmentOrders!) {
          const rawFo = fulfillmentOrders.find((candidate) => String(candidate.id) === fo.id)!;
          // Every cancellation of the fulfillment order, those filed without this order's id included.
          const own = await simListAll<RawCancellation>(stack.simulator, `/fulfillment-cancellations?fulfillmentOrderId=${fo.id}`);
          expect(fo.cancellations?.map((c) => c.id).sort()).toEqual(own.map((c) => c.id).sort());
          for (const item of fo.items) {
            const rawItem = rawFo.items.find((candidate) => String(candidate.id) === item.id)!;
            const openRequests = own
              .filter((c) => c.state === 'pending')
              .flatMap((c) => c.items)
              .filter((line) => String(line.fulfillmentOrderItemId) === item.id)
              .reduce((sum, line) => sum + line.quantity, 0);
            expect(item.cancellableQuantity).toBe(Math.max(0, rawItem.pending + rawItem.backordered - openRequests));
          }
        }
      }
    });
  });

  describe('batches larger than one upstream page', () => {
    it('returns every cancellation of an order that has more than 100', async () => {
      const all = await simListAll<RawCancellation>(stack.simulator, '/fulfillment-cancellations');
      const perOrder = new Map<string, number>();
      for (const cancellation of all) {
        if (cancellation.upstreamId !== undefined) perOrder.set(String(cancellation.upstreamId), (perOrder.get(String(cancellation.upstreamId)) ?? 0) + 1);
      }
      const [bigOrderId, expected] = [...perOrder.entries()].sort((a, b) => b[1] - a[1])[0]!;
      expect(expected).toBeGreaterThan(100);

      const { result, calls } = await callsDuring(() => execute(stack.url, OrderDetailsDocument, { id: bigOrderId }));
      expect(result.errors).toBeUndefined();
      const cancellations = result.data?.order?.fulfillmentCancellations ?? [];
      expect(cancellations).toHaveLength(expected);
      expect(new Set(cancellations.map((c) => c.id)).size).toBe(expected);
      const cancellationCalls = calls.filter((call) => call.path === '/fulfillment-cancellations' && !byFulfillmentOrder(call));
      expect(cancellationCalls.length).toBe(Math.ceil(expected / 100));
      expect(cancellationCalls[1]?.query.startingAfter).toHaveLength(1);
    });
  });
});
