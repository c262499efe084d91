// Resuming subscriptions after an event id over real sockets, without Redis: missed pushes once and in order, then live; events during the replay; expired and foreign cursors.
import { randomUUID } from 'node:crypto';

import type { Client } from 'graphql-ws';

import { cancellationEvent, sendEvent } from '../helpers/sign-webhook';
import { simListAll } from '../helpers/simulator-http';
import { type Stack, startStack } from '../helpers/start-stack';
import { probe } from '../helpers/subscription-probe';
import { TEST_JWT_SECRET, adminToken, customerToken } from '../helpers/tokens';
import { eventually, openClient } from '../helpers/ws-client';

const SECRET = 'whsec_resume';
const REPLAY_MAX = 40;

const BY_ORDER = `subscription($orderId: ID, $after: ID) {
  fulfillmentCancellationUpdated(orderId: $orderId, afterEventId: $after) { eventId type fulfillmentCancellation { id state } }
}`;
const MINE = 'subscription($after: ID) { fulfillmentCancellationUpdated(afterEventId: $after) { eventId } }';
const WITH_GRAPH = `subscription($orderId: ID, $after: ID) {
  fulfillmentCancellationUpdated(orderId: $orderId, afterEventId: $after) { eventId fulfillmentCancellation { id fulfillmentOrder { id } } }
}`;
const ORDER = 'subscription($id: ID!, $after: ID) { orderUpdated(id: $id, afterEventId: $after) { eventId type order { id state } } }';

interface CancellationPush { fulfillmentCancellationUpdated: { eventId: string } }
interface OrderPush { orderUpdated: { eventId: string; order: { id: string } | null } }
interface RawOrder { id: string; customerId?: string }
interface RawCancellation { id: string; fulfillmentOrderId: string | number; upstreamId?: string | number; state: string; items: unknown[] }

describe('resuming subscriptions (memory)', () => {
  let stack: Stack;
  let mine: RawCancellation & { orderId: string; customerId: string };
  let theirs: RawCancellation & { orderId: string; customerId: string };
  const clients: Client[] = [];
  // Each event is a second later than the one before: the ordering guard applies every one.
  let clock = Date.now() - 3_600_000;

  beforeAll(async () => {
    // Replayed pushes are counted as cold loads (one order read each): the shared cache is off here.
    stack = await startStack({ DR_WEBHOOK_SECRET: SECRET, AUTH_JWT_SECRET: TEST_JWT_SECRET, EVENT_REPLAY_MAX: String(REPLAY_MAX), CACHE_TTL_SECONDS: '0' });
    const orders = await simListAll<RawOrder>(stack.simulator, '/orders');
    const ownerOf = (orderId: string): string | undefined => orders.find((order) => order.id === orderId)?.customerId;
    const cancellations = (await simListAll<RawCancellation>(stack.simulator, '/fulfillment-cancellations'))
      .filter((c) => c.upstreamId !== undefined && ownerOf(String(c.upstreamId)) !== undefined)
      .map((c) => ({ ...c, orderId: String(c.upstreamId), customerId: ownerOf(String(c.upstreamId))! }));
    mine = cancellations[0]!;
    theirs = cancellations.find((c) => c.customerId !== mine.customerId)!;
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
    await eventually(() => stack.gateway.openSubscriptions() === 0, 5_000, 'no subscriptions left');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const connect = async (token: Promise<string>): Promise<Client> => {
    const client = openClient(stack.url, { authorization: `Bearer ${await token}` });
    clients.push(client);
    return client;
  };
  /** Sends one accepted webhook event about `raw` and returns its id. */
  const send = async (raw: RawCancellation): Promise<string> => {
    clock += 1_000;
    const event = cancellationEvent({ ...raw, state: 'pending' }, 'fulfillment_cancellation.created', { createdTime: new Date(clock) });
    expect(await sendEvent(stack.url, event, [SECRET])).toBe(202);
    return event.id as string;
  };
  const sendMany = async (raw: RawCancellation, count: number): Promise<string[]> => {
    const ids: string[] = [];
    for (let index = 0; index < count; index += 1) ids.push(await send(raw));
    return ids;
  };
  const ids = (pushes: CancellationPush[]): string[] => pushes.map((push) => push.fulfillmentCancellationUpdated.eventId);
  const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 300));

  describe('Replay', () => {
    it('gives a subscriber that dropped and missed 5 events exactly those 5 in order, then live ones, none twice, without an upstream call', async () => {
      const first = probe<CancellationPush>(await connect(adminToken()), BY_ORDER, { orderId: mine.orderId });
      await eventually(() => stack.gateway.openSubscriptions() === 1, 5_000, 'the first subscription');
      const seen = await send(mine);
      await first.waitFor(1);
      await clients.shift()!.dispose();
      await eventually(() => stack.gateway.openSubscriptions() === 0, 5_000, 'the dropped connection');

      const missed: string[] = [];
      for (let index = 0; index < 5; index += 1) {
        missed.push(await send(mine));
        await send(theirs); // another order's: never for this subscription
      }
      stack.simulator.requestLog.clear();
      const resumed = probe<CancellationPush>(await connect(adminToken()), BY_ORDER, { orderId: mine.orderId, after: seen });
      await resumed.waitFor(5);
      expect(ids(resumed.pushes)).toEqual(missed);
      // The selection reads only what the events carry: replaying costs upstream nothing.
      expect(stack.simulator.requestLog.entries()).toEqual([]);

      const live = await send(mine);
      await resumed.waitFor(6);
      await settle();
      expect(ids(resumed.pushes)).toEqual([...missed, live]);
    });

    it('resolves replayed orderUpdated pushes against the current graph, each with fresh loaders like a live push', async () => {
      const seen = await send(mine);
      const missed = await sendMany(mine, 3);
      stack.simulator.requestLog.clear();
      const resumed = probe<OrderPush>(await connect(adminToken()), ORDER, { id: mine.orderId, after: seen });
      await resumed.waitFor(3);
      expect(resumed.pushes.map((push) => push.orderUpdated.eventId)).toEqual(missed);
      expect(resumed.pushes.map((push) => push.orderUpdated.order?.id)).toEqual([mine.orderId, mine.orderId, mine.orderId]);
      // One order load per replayed event, as three live pushes would cost.
      expect(stack.simulator.requestLog.entries().filter((entry) => entry.method === 'GET' && entry.path.startsWith('/orders'))).toHaveLength(3);
    });

    it('delivers events that arrive while the replay is still being pushed after the replayed ones, each once', async () => {
      const seen = await send(mine);
      const missed = await sendMany(mine, 4);
      // Each replayed push reads its fulfillment order, now slowed down: the replay takes over half a second.
      stack.simulator.faults.add({ method: 'GET', pathPrefix: '/fulfillment-orders', delayMs: 150, times: 4 });
      const resumed = probe<CancellationPush>(await connect(adminToken()), WITH_GRAPH, { orderId: mine.orderId, after: seen });
      await eventually(() => stack.gateway.openSubscriptions() === 1, 5_000, 'the resumed subscription');
      const during = await sendMany(mine, 3);
      expect(resumed.pushes.length).toBeLessThan(4);
      await resumed.waitFor(7, 10_000);
      await settle();
      expect(ids(resumed.pushes)).toEqual([...missed, ...during]);
    });
  });

  describe('Receipt', () => {
    it('logs a duplicate delivery at info with its event id, and pushes it once', async () => {
      const watched = probe<CancellationPush>(await connect(adminToken()), BY_ORDER, { orderId: mine.orderId });
      await eventually(() => stack.gateway.openSubscriptions() === 1, 5_000, 'the subscription');
      clock += 1_000;
      const event = cancellationEvent({ ...mine, state: 'pending' }, 'fulfillment_cancellation.created', { createdTime: new Date(clock) });
      expect(await sendEvent(stack.url, event, [SECRET])).toBe(202);
      expect(await sendEvent(stack.url, event, [SECRET])).toBe(200);
      await watched.waitFor(1);
      await settle();
      expect(ids(watched.pushes)).toEqual([event.id]);
      expect(stack.logs.filter((line) => line.eventId === event.id && line.level === 'info' && String(line.msg).includes('already received'))).toHaveLength(1);
    });
  });

  describe('Expired cursors', () => {
    const expectExpired = async (client: Client, query: string, variables: Record<string, unknown>): Promise<void> => {
      const resumed = probe<CancellationPush | OrderPush>(client, query, variables);
      const errors = await resumed.failure();
      expect(errors.map((error) => error.extensions?.code)).toEqual(['EVENT_CURSOR_EXPIRED']);
      await settle();
      expect(resumed.pushes).toEqual([]);
    };

    it(`fails with EVENT_CURSOR_EXPIRED before any push once more than EVENT_REPLAY_MAX (${REPLAY_MAX}) events came after the cursor`, async () => {
      const old = await send(mine);
      const held = await send(mine);
      await sendMany(theirs, REPLAY_MAX - 1);
      // The newest REPLAY_MAX are held: `held` is the oldest of them and still resumes.
      const resumable = probe<CancellationPush>(await connect(adminToken()), BY_ORDER, { orderId: mine.orderId, after: held });
      await eventually(() => stack.gateway.openSubscriptions() === 1, 5_000, 'the resumed subscription');
      await settle();
      expect(resumable.errors).toBeUndefined();
      await expectExpired(await connect(adminToken()), BY_ORDER, { orderId: mine.orderId, after: old });
    });

    it('fails with EVENT_CURSOR_EXPIRED for an id never seen, on both subscriptions, and the socket stays usable', async () => {
      const client = await connect(adminToken());
      await expectExpired(client, BY_ORDER, { orderId: mine.orderId, after: randomUUID() });
      await expectExpired(client, ORDER, { id: mine.orderId, after: randomUUID() });
      const fresh = probe<CancellationPush>(client, BY_ORDER, { orderId: mine.orderId });
      await eventually(() => stack.gateway.openSubscriptions() === 1, 5_000, 'a subscription on the same socket');
      const live = await send(mine);
      await fresh.waitFor(1);
      expect(ids(fresh.pushes)).toEqual([live]);
    });
  });

  describe('Scoping', () => {
    it('fails a customer resuming with another customer\'s event id with EVENT_CURSOR_EXPIRED and gives nothing of theirs', async () => {
      const foreign = await send(theirs);
      await sendMany(theirs, 2);
      await send(mine);
      const client = await connect(customerToken(mine.customerId));
      await expectExpiredFor(client, MINE, { after: foreign });
      await expectExpiredFor(client, ORDER, { id: mine.orderId, after: foreign });
    });

    it('replays to a customer only their own events after their own cursor', async () => {
      const seen = await send(mine);
      const missed: string[] = [];
      for (let index = 0; index < 3; index += 1) {
        await send(theirs);
        missed.push(await send(mine));
      }
      const resumed = probe<CancellationPush>(await connect(customerToken(mine.customerId)), MINE, { after: seen });
      await resumed.waitFor(3);
      await settle();
      expect(ids(resumed.pushes)).toEqual(missed);
    });

    it('answers another customer\'s order as NOT_FOUND whatever the cursor', async () => {
      const own = await send(mine);
      const watched = probe<OrderPush>(await connect(customerToken(mine.customerId)), ORDER, { id: theirs.orderId, after: own });
      const errors = await watched.failure();
      expect(errors.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
    });

    async function expectExpiredFor(client: Client, query: string, variables: Record<string, unknown>): Promise<void> {
      const resumed = probe<CancellationPush | OrderPush>(client, query, variables);
      const errors = await resumed.failure();
      expect(errors.map((error) => error.extensions?.code)).toEqual(['EVENT_CURSOR_EXPIRED']);
      await settle();
      expect(resumed.pushes).toEqual([]);
    }
  });
});
