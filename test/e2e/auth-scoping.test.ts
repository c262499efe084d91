// Authentication and per-customer scoping through every path: queries, nested fields, mutations and subscriptions.
import { executeText } from '../helpers/graphql-client';
import { cancellationEvent, sendEvent } from '../helpers/sign-webhook';
import { simListAll } from '../helpers/simulator-http';
import { type Stack, startStack } from '../helpers/start-stack';
import {
  TEST_JWT_SECRET, adminToken, bearer, customerToken, customerWithoutIdToken, expiredToken, forgedToken, noExpiryToken, wrongRoleToken,
} from '../helpers/tokens';
import { collect, eventually, openClient } from '../helpers/ws-client';

const WEBHOOK_SECRET = 'whsec_scoping';

interface RawOrder { id: string; customerId?: string; payment?: { charges?: Array<{ id: string }>; sources?: Array<{ id: string }> } }
interface RawFo { id: string | number; upstreamId?: string | number }
interface RawCancellation { id: string; fulfillmentOrderId: string | number; upstreamId?: string | number; state: string }
interface RawFulfillment { id: string; orderId: string }

describe('authentication and scoping', () => {
  let stack: Stack;
  let mine: { customerId: string; order: RawOrder; fo: RawFo; cancellation: RawCancellation };
  let theirs: { customerId: string; order: RawOrder; fo: RawFo; cancellation: RawCancellation; fulfillment: RawFulfillment; chargeId: string; sourceId: string };
  let guestOrderId: string;
  let customer: Record<string, string>;
  let admin: Record<string, string>;

  beforeAll(async () => {
    stack = await startStack({ AUTH_JWT_SECRET: TEST_JWT_SECRET, DR_WEBHOOK_SECRET: WEBHOOK_SECRET });
    const orders = await simListAll<RawOrder>(stack.simulator, '/orders');
    const fos = await simListAll<RawFo>(stack.simulator, '/fulfillment-orders');
    const cancellations = (await simListAll<RawCancellation>(stack.simulator, '/fulfillment-cancellations')).filter((c) => c.upstreamId !== undefined);
    const fulfillments = await simListAll<RawFulfillment>(stack.simulator, '/fulfillments');
    const ownerOf = (orderId: string) => orders.find((order) => order.id === orderId)?.customerId;
    const pickFor = (exclude?: string) => {
      const cancellation = cancellations.find((c) => ownerOf(String(c.upstreamId)) !== undefined && ownerOf(String(c.upstreamId)) !== exclude)!;
      const order = orders.find((candidate) => candidate.id === String(cancellation.upstreamId))!;
      const fo = fos.find((candidate) => String(candidate.id) === String(cancellation.fulfillmentOrderId))!;
      return { customerId: order.customerId!, order, fo, cancellation };
    };
    mine = pickFor();
    const other = pickFor(mine.customerId);
    const theirOrderWithCharge = orders.find((order) => order.customerId === other.customerId && (order.payment?.charges?.length ?? 0) > 0)!;
    const theirFulfillment = fulfillments.find((item) => ownerOf(item.orderId) === other.customerId)!;
    theirs = {
      ...other,
      fulfillment: theirFulfillment,
      chargeId: theirOrderWithCharge.payment!.charges![0]!.id,
      sourceId: theirOrderWithCharge.payment!.sources![0]!.id,
    };
    guestOrderId = orders.find((order) => order.customerId === undefined)!.id;
    customer = bearer(await customerToken(mine.customerId));
    admin = bearer(await adminToken());
  });

  afterAll(async () => {
    await stack.stop();
  });

  describe('Tokens', () => {
    const query = '{ orders(first: 1) { nodes { id } } }';

    it.each([
      ['no token', async () => ({}), 401, 'UNAUTHENTICATED', 'an Authorization: Bearer <token> header is required'],
      ['an expired token', async () => bearer(await expiredToken()), 401, 'UNAUTHENTICATED', 'the token has expired'],
      ['a token signed with another secret', async () => bearer(await forgedToken()), 401, 'UNAUTHENTICATED', 'the token is not valid (bad signature, algorithm or format)'],
      ['a token without exp', async () => bearer(await noExpiryToken()), 401, 'UNAUTHENTICATED', 'the token is missing or has an invalid "exp" claim'],
      ['a Basic header', async () => ({ authorization: 'Basic abc' }), 401, 'UNAUTHENTICATED', 'the Authorization header must be "Bearer <token>"'],
      ['an unknown role', async () => bearer(await wrongRoleToken()), 403, 'FORBIDDEN', 'role must be "admin" or "customer", got "support"'],
      ['a customer token without customerId', async () => bearer(await customerWithoutIdToken()), 403, 'FORBIDDEN', 'a customer token must carry a customerId claim'],
    ])('refuses %s before any upstream call', async (_name, headers, status, code, message) => {
      stack.simulator.requestLog.clear();
      const result = await executeText(stack.url, query, {}, await headers());
      expect(result.status).toBe(status);
      expect(result.errors?.[0]).toMatchObject({ message, extensions: { code } });
      expect(stack.simulator.requestLog.entries()).toEqual([]);
    });

    it('accepts admin and customer tokens', async () => {
      expect((await executeText(stack.url, query, {}, admin)).errors).toBeUndefined();
      expect((await executeText(stack.url, query, {}, customer)).errors).toBeUndefined();
    });
  });

  describe('Queries', () => {
    it('lists only the customer\'s own orders, whatever the filter', async () => {
      const all = await executeText<{ orders: { nodes: Array<{ customerId: string }> } }>(stack.url, '{ orders(first: 100) { nodes { customerId } } }', {}, customer);
      expect(all.data!.orders.nodes.length).toBeGreaterThan(0);
      expect(new Set(all.data!.orders.nodes.map((order) => order.customerId))).toEqual(new Set([mine.customerId]));
      const other = await executeText<{ orders: { nodes: unknown[] } }>(stack.url, 'query($c: ID) { orders(first: 10, filter: { customerId: $c }) { nodes { id } } }', { c: theirs.customerId }, customer);
      expect(other.data!.orders.nodes).toEqual([]);
      const byIds = await executeText<{ orders: { nodes: Array<{ id: string }> } }>(stack.url, 'query($ids: [ID!]) { orders(first: 10, filter: { ids: $ids }) { nodes { id } } }', { ids: [theirs.order.id, mine.order.id] }, customer);
      expect(byIds.data!.orders.nodes.map((order) => order.id)).toEqual([mine.order.id]);
    });

    it.each([
      ['order', 'query($id: ID!) { order(id: $id) { id } }', () => theirs.order.id],
      ['order (guest)', 'query($id: ID!) { order(id: $id) { id } }', () => guestOrderId],
      ['fulfillmentOrder', 'query($id: ID!) { fulfillmentOrder(id: $id) { id } }', () => String(theirs.fo.id)],
      ['fulfillmentCancellation', 'query($id: ID!) { fulfillmentCancellation(id: $id) { id } }', () => theirs.cancellation.id],
      ['charge', 'query($id: ID!) { charge(id: $id) { id } }', () => theirs.chargeId],
      ['source', 'query($id: ID!) { source(id: $id) { id } }', () => theirs.sourceId],
      ['fulfillment', 'query($id: ID!) { fulfillment(id: $id) { id } }', () => theirs.fulfillment.id],
    ])('reads another customer\'s %s exactly like a missing one', async (field, query, id) => {
      const result = await executeText<Record<string, unknown>>(stack.url, query, { id: id() }, customer);
      expect(result.data?.[field.split(' ')[0]!]).toBeNull();
      expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const missing = await executeText<Record<string, unknown>>(stack.url, query, { id: 'definitely-missing-0' }, admin);
      expect(result.errors?.[0]?.message.replace(id(), 'X')).toBe(missing.errors?.[0]?.message.replace('definitely-missing-0', 'X'));
    });

    it('keeps another customer\'s cancellations out of list pages', async () => {
      const result = await executeText<{ fulfillmentCancellations: { nodes: Array<{ id: string }> } }>(stack.url,
        'query($ids: [ID!]) { fulfillmentCancellations(first: 100, filter: { upstreamIds: $ids }) { nodes { id } } }',
        { ids: [theirs.order.id, mine.order.id] }, customer);
      const ids = result.data!.fulfillmentCancellations.nodes.map((node) => node.id);
      expect(ids).toContain(mine.cancellation.id);
      expect(ids).not.toContain(theirs.cancellation.id);
    });

    it('serves the customer\'s own graph, nested fields included', async () => {
      const result = await executeText<{ fulfillmentCancellation: { id: string; order: { id: string }; fulfillmentOrder: { id: string; order: { customerId: string } } } }>(stack.url,
        'query($id: ID!) { fulfillmentCancellation(id: $id) { id order { id } fulfillmentOrder { id order { customerId } } } }', { id: mine.cancellation.id }, customer);
      expect(result.errors).toBeUndefined();
      expect(result.data!.fulfillmentCancellation).toMatchObject({ id: mine.cancellation.id, order: { id: mine.order.id }, fulfillmentOrder: { order: { customerId: mine.customerId } } });
    });
  });

  describe('Mutations', () => {
    it('act only on the customer\'s own orders', async () => {
      stack.simulator.requestLog.clear();
      const cancel = await executeText<{ createFulfillmentCancellation: { userErrors: Array<{ field: string[]; code: string }> } }>(stack.url,
        'mutation($fo: ID!) { createFulfillmentCancellation(input: { fulfillmentOrderId: $fo, items: [{ fulfillmentOrderItemId: "1", quantity: 1 }] }) { fulfillmentCancellation { id } userErrors { field code } } }',
        { fo: String(theirs.fo.id) }, customer);
      expect(cancel.data!.createFulfillmentCancellation.userErrors).toEqual([{ field: ['fulfillmentOrderId'], code: 'not_found' }]);
      const fulfil = await executeText<{ createFulfillment: { userErrors: Array<{ field: string[]; code: string }> } }>(stack.url,
        'mutation($o: ID!) { createFulfillment(input: { orderId: $o, items: [{ itemId: "1", quantity: 1 }] }) { fulfillment { id } userErrors { field code } } }',
        { o: theirs.order.id }, customer);
      expect(fulfil.data!.createFulfillment.userErrors).toEqual([{ field: ['orderId'], code: 'not_found' }]);
      expect(stack.simulator.requestLog.entries().filter((entry) => entry.method === 'POST')).toEqual([]);
    });
  });

  describe('Subscriptions', () => {
    const CANCELLATIONS = 'subscription { fulfillmentCancellationUpdated { eventId fulfillmentCancellation { id } } }';

    it('refuses a socket without a valid token', async () => {
      for (const params of [{}, { authorization: `Bearer ${await expiredToken()}` }]) {
        const client = openClient(stack.url, params);
        const refused = collect(client, CANCELLATIONS);
        await refused.waitFor(1);
        expect(refused.results[0]?.errors?.[0]?.message).toMatch(/4403|Forbidden/);
        await client.dispose();
      }
    });

    it('never delivers another customer\'s events, and refuses to watch their order', async () => {
      const customerClient = openClient(stack.url, customer);
      const adminClient = openClient(stack.url, admin);
      const customerWatch = collect<{ fulfillmentCancellationUpdated: { fulfillmentCancellation: { id: string } } }>(customerClient, CANCELLATIONS);
      const customerById = collect(customerClient, 'subscription($id: ID) { fulfillmentCancellationUpdated(id: $id) { eventId } }', { id: theirs.cancellation.id });
      const theirOrder = collect(customerClient, 'subscription($id: ID!) { orderUpdated(id: $id) { eventId } }', { id: theirs.order.id });
      const adminWatch = collect<{ fulfillmentCancellationUpdated: { fulfillmentCancellation: { id: string } } }>(adminClient, CANCELLATIONS);
      await theirOrder.waitFor(1);
      expect(theirOrder.results[0]?.errors?.[0]?.message).toMatch(/was not found/);
      await eventually(() => stack.gateway.openSubscriptions() === 3, 5000, 'three subscriptions');

      const at = Date.now();
      for (const [index, target] of [theirs, mine].entries()) {
        const event = cancellationEvent({ ...target.cancellation, state: 'rejected' }, 'fulfillment_cancellation.rejected', { createdTime: new Date(at + index) });
        expect(await sendEvent(stack.url, event, [WEBHOOK_SECRET])).toBe(202);
      }
      await adminWatch.waitFor(2);
      await customerWatch.waitFor(1);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(adminWatch.results.map((r) => r.data!.fulfillmentCancellationUpdated.fulfillmentCancellation.id)).toEqual([theirs.cancellation.id, mine.cancellation.id]);
      expect(customerWatch.results.map((r) => r.data!.fulfillmentCancellationUpdated.fulfillmentCancellation.id)).toEqual([mine.cancellation.id]);
      expect(customerById.results).toEqual([]);
      await customerClient.dispose();
      await adminClient.dispose();
    });
  });
});
