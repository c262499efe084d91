// Every demo customer pages through their own fulfillmentCancellations, compared with the simulator's stored objects and the upstream calls it served.
import { type GraphQLResult, executeText } from '../helpers/graphql-client';
import { type Stack, startStack } from '../helpers/start-stack';
import { TEST_JWT_SECRET, adminToken, bearer, customerToken } from '../helpers/tokens';
import { CUSTOMERS } from '../../src/simulator/seed-catalog';
import type { RequestLogEntry } from '../../src/simulator/request-log';

const LIST = `query($first: Int, $after: String, $filter: FulfillmentCancellationFilter) {
  fulfillmentCancellations(first: $first, after: $after, filter: $filter) {
    nodes { id }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface ListData {
  fulfillmentCancellations: { nodes: Array<{ id: string }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

/** A customer's cancellations as the simulator stores them, newest first (upstream's list order). */
interface Stored {
  orderIds: Set<string>;
  fulfillmentOrderIds: Set<string>;
  /** Owned: filed under one of their orders, or without upstreamId against a fulfillment order of one. */
  all: Array<{ id: string; upstreamId: string | undefined; fulfillmentOrderId: string; state: string }>;
  /** The part filed with one of their orders as upstreamId: what the unfiltered listing reaches. */
  filed: string[];
}

/** One listing paged to its end: ids in order, and what each page looked like and cost. */
interface Walk {
  ids: string[];
  pages: Array<{ size: number; hasNextPage: boolean; endCursor: string | null; calls: RequestLogEntry[] }>;
}

const FIRST = 3;

describe('a customer\'s fulfillmentCancellations', () => {
  let stack: Stack;
  const table: string[] = [];

  beforeAll(async () => {
    // The upstream budget is off: the test pages hundreds of times, and counts calls rather than pacing them.
    stack = await startStack({ AUTH_JWT_SECRET: TEST_JWT_SECRET, UPSTREAM_RATE_LIMIT: '0' });
  });

  afterAll(async () => {
    await stack.stop();
    // The found-vs-stored table (for the closing note).
    process.stdout.write(['customer        orders  stored  filed-under-order  no-upstreamId  found  found-via-FO-filter  pages  calls', ...table].join('\n') + '\n');
  });

  const storedIn = (on: Stack, customerId: string): Stored => {
    const { store } = on.simulator;
    const orderIds = new Set(store.orders.sorted().filter((order) => order.customerId === customerId).map((order) => order.id));
    const orderOfFo = new Map(store.fulfillmentOrders.sorted().map((fo) => [fo.id, fo.upstreamId]));
    const fulfillmentOrderIds = new Set([...orderOfFo].filter(([, orderId]) => orderIds.has(orderId)).map(([id]) => id));
    const all = store.cancellations.sorted()
      .filter((c) => orderIds.has(c.upstreamId ?? orderOfFo.get(c.fulfillmentOrderId) ?? ''))
      .map((c) => ({ id: c.id, upstreamId: c.upstreamId, fulfillmentOrderId: c.fulfillmentOrderId, state: c.state }));
    return { orderIds, fulfillmentOrderIds, all, filed: all.filter((c) => c.upstreamId !== undefined).map((c) => c.id) };
  };
  const storedFor = (customerId: string): Stored => storedIn(stack, customerId);

  /** Pages through one listing with `first: 3`, asserting the page contract on every page. */
  const walk = async (headers: Record<string, string>, filter: Record<string, unknown> | null, on: Stack = stack, first = FIRST): Promise<Walk> => {
    const result: Walk = { ids: [], pages: [] };
    let after: string | null = null;
    for (let page = 0; page < 500; page += 1) {
      on.simulator.requestLog.clear();
      const answer: GraphQLResult<ListData> = await executeText<ListData>(on.url, LIST, { first, after, filter }, headers);
      expect(answer.errors).toBeUndefined();
      const { nodes, pageInfo } = answer.data!.fulfillmentCancellations;
      result.pages.push({ size: nodes.length, ...pageInfo, calls: on.simulator.requestLog.entries() });
      result.ids.push(...nodes.map((node) => node.id));
      if (!pageInfo.hasNextPage) return result;
      // Every page before the last is full and has a cursor to go on from.
      expect(nodes).toHaveLength(first);
      expect(pageInfo.endCursor).not.toBeNull();
      after = pageInfo.endCursor;
    }
    throw new Error('the listing did not end within 500 pages');
  };

  /** No call reads a page wider than the customer's own data. */
  const expectScoped = (calls: readonly RequestLogEntry[], customerId: string, stored: Stored): void => {
    for (const call of calls) {
      expect(call.method).toBe('GET');
      if (call.path === '/orders') {
        expect(call.query.customerId).toEqual([customerId]);
      } else if (call.path === '/fulfillment-orders') {
        expect(call.query.upstreamIds!.every((id) => stored.orderIds.has(id))).toBe(true);
      } else {
        expect(call.path).toBe('/fulfillment-cancellations');
        const byOrders = call.query.upstreamIds;
        const byFo = call.query.fulfillmentOrderId;
        expect(byOrders !== undefined || byFo !== undefined).toBe(true);
        if (byOrders !== undefined) expect(byOrders.every((id) => stored.orderIds.has(id))).toBe(true);
        if (byFo !== undefined) expect(byFo.every((id) => stored.fulfillmentOrderIds.has(id))).toBe(true);
      }
    }
  };

  describe('Listing every demo customer\'s own cancellations', () => {
    it.each(CUSTOMERS.map((person, index) => [`${person.firstName} ${person.lastName}`, index] as const))('%s: exactly their own, page after full page', async (_name, index) => {
      const customerId = stack.simulator.store.facts.customerIds[index]!;
      const headers = bearer(await customerToken(customerId));
      const stored = storedFor(customerId);
      expect(stored.filed.length).toBeGreaterThan(0);

      const unfiltered = await walk(headers, null);
      // The same cancellations, each once, in upstream's order.
      expect(unfiltered.ids).toEqual(stored.filed);
      expect(new Set(unfiltered.ids).size).toBe(unfiltered.ids.length);
      expect(unfiltered.pages.length).toBe(Math.max(1, Math.ceil(stored.filed.length / FIRST)));
      for (const [pageIndex, page] of unfiltered.pages.entries()) {
        expectScoped(page.calls, customerId, stored);
        // The customer's order ids, then the page; later pages also check their cursor.
        expect(page.calls.map((call) => call.path)).toEqual(pageIndex === 0
          ? ['/orders', '/fulfillment-cancellations']
          : ['/orders', '/fulfillment-cancellations', '/fulfillment-cancellations']);
      }

      // Filtered by each of their fulfillment orders: every cancellation of it, also those filed without upstreamId.
      const viaFulfillmentOrders: string[] = [];
      for (const fulfillmentOrderId of stored.fulfillmentOrderIds) {
        const listed = await walk(headers, { fulfillmentOrderId });
        expect(listed.ids).toEqual(stored.all.filter((c) => c.fulfillmentOrderId === fulfillmentOrderId).map((c) => c.id));
        for (const page of listed.pages) expectScoped(page.calls, customerId, stored);
        viaFulfillmentOrders.push(...listed.ids);
      }
      expect(new Set(viaFulfillmentOrders)).toEqual(new Set(stored.all.map((c) => c.id)));
      expect(viaFulfillmentOrders).toHaveLength(stored.all.length);

      const calls = unfiltered.pages.reduce((sum, page) => sum + page.calls.length, 0);
      table.push([
        customerId.padEnd(15), String(stored.orderIds.size).padStart(6), String(stored.all.length).padStart(7), String(stored.filed.length).padStart(18),
        String(stored.all.length - stored.filed.length).padStart(14), String(unfiltered.ids.length).padStart(6), String(viaFulfillmentOrders.length).padStart(20),
        String(unfiltered.pages.length).padStart(6), String(calls).padStart(6),
      ].join(' '));
    });
  });

  describe('Filters', () => {
    it.each(['PENDING', 'ACCEPTED', 'REJECTED'])('by state %s: exactly their own in that state', async (state) => {
      for (const customerId of stack.simulator.store.facts.customerIds) {
        const stored = storedFor(customerId);
        const listed = await walk(bearer(await customerToken(customerId)), { state });
        const expected = stored.all.filter((c) => c.upstreamId !== undefined && c.state === state.toLowerCase()).map((c) => c.id);
        expect(listed.ids).toEqual(expected);
        for (const page of listed.pages) expectScoped(page.calls, customerId, stored);
      }
    });

    it('by ids: only their own among the ids given, others\' and missing ones left out alike', async () => {
      const [mine, theirs] = stack.simulator.store.facts.customerIds.map(storedFor);
      const ownIds = mine!.filed.slice(0, 4);
      const ids = [...ownIds, ...theirs!.filed.slice(0, 3), 'ret_missing_0001'];
      const listed = await walk(bearer(await customerToken(stack.simulator.store.facts.customerIds[0]!)), { ids });
      expect(listed.ids).toEqual(ownIds);
    });

    it('by upstreamIds: another customer\'s order and a missing one both match nothing, with no cancellation call', async () => {
      const [customerId, otherId] = stack.simulator.store.facts.customerIds;
      const other = storedFor(otherId!);
      const headers = bearer(await customerToken(customerId!));
      for (const upstreamIds of [[...other.orderIds].slice(0, 2), ['999999999999']]) {
        const listed = await walk(headers, { upstreamIds });
        expect(listed.ids).toEqual([]);
        expect(listed.pages[0]!.calls.map((call) => call.path)).toEqual(['/orders']);
      }
    });

    it('by fulfillmentOrderId: another customer\'s and a missing one both list nothing, at the same calls', async () => {
      const [customerId, otherId] = stack.simulator.store.facts.customerIds;
      const other = storedFor(otherId!);
      const headers = bearer(await customerToken(customerId!));
      const theirFo = other.all[0]!.fulfillmentOrderId;
      const paths: string[][] = [];
      for (const fulfillmentOrderId of [theirFo, '9999999999']) {
        const listed = await walk(headers, { fulfillmentOrderId });
        expect(listed.ids).toEqual([]);
        paths.push(listed.pages[0]!.calls.map((call) => call.path));
      }
      expect(paths[0]).toEqual(['/orders', '/fulfillment-orders']);
      expect(paths[1]).toEqual(paths[0]);
    });
  });

  describe('Cursors', () => {
    it('refuses another customer\'s cancellation and a missing id as `after` alike, at the same calls', async () => {
      const [customerId, otherId] = stack.simulator.store.facts.customerIds;
      const headers = bearer(await customerToken(customerId!));
      const theirs = storedFor(otherId!).filed[0]!;
      const missing = `ret_${'9'.repeat(Math.max(1, theirs.length - 4))}`;
      const answers = [];
      for (const id of [theirs, missing]) {
        stack.simulator.requestLog.clear();
        const answer = await executeText<ListData>(stack.url, LIST, { first: FIRST, after: Buffer.from(`v1:${id}`).toString('base64url') }, headers);
        answers.push({ data: answer.data, errors: answer.errors?.map((error) => ({ ...error, message: error.message })), paths: stack.simulator.requestLog.entries().map((call) => call.path).sort() });
      }
      expect(answers[0]!.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(answers[1]).toEqual(answers[0]);
    });
  });

  describe('A customer with over 100 orders', () => {
    let big: Stack;

    beforeAll(async () => {
      // 1,000 seeded orders give most demo customers over 100: their order ids go upstream in groups, merged here.
      big = await startStack({ AUTH_JWT_SECRET: TEST_JWT_SECRET, UPSTREAM_RATE_LIMIT: '0' }, { orderCount: 1000 });
    });

    afterAll(async () => {
      await big.stop();
    });

    it('pages through exactly their own cancellations, newest first across the groups of order ids', async () => {
      const customers = big.simulator.store.facts.customerIds.map((customerId) => ({ customerId, stored: storedIn(big, customerId) }))
        .filter(({ stored }) => stored.orderIds.size > 100);
      expect(customers.length).toBeGreaterThan(0);
      for (const { customerId, stored } of customers) {
        const listed = await walk(bearer(await customerToken(customerId)), null, big, 7);
        expect(listed.ids).toEqual(stored.filed);
        for (const page of listed.pages) {
          expectScoped(page.calls, customerId, stored);
          const cancellationCalls = page.calls.filter((call) => call.path === '/fulfillment-cancellations');
          for (const call of cancellationCalls) expect(call.query.upstreamIds!.length).toBeLessThanOrEqual(100);
          // Every order id is asked for on every page, in one of the groups.
          expect(new Set(cancellationCalls.flatMap((call) => (call.query.ids === undefined ? call.query.upstreamIds! : [])))).toEqual(stored.orderIds);
        }
      }
    });
  });

  describe('Admins', () => {
    it('keep the unscoped upstream page, one call', async () => {
      const headers = bearer(await adminToken());
      stack.simulator.requestLog.clear();
      const answer = await executeText<ListData>(stack.url, LIST, { first: 5 }, headers);
      expect(answer.data!.fulfillmentCancellations.nodes.map((node) => node.id)).toEqual(stack.simulator.store.cancellations.sorted().slice(0, 5).map((c) => c.id));
      expect(stack.simulator.requestLog.entries().map((call) => [call.path, call.query])).toEqual([['/fulfillment-cancellations', { limit: ['5'] }]]);
    });
  });
});
