// Apollo Client and urql, set up exactly as the README's "For frontend teams" shows, run a query, a mutation and a subscription against a real gateway and simulator.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { Client, cacheExchange, fetchExchange, subscriptionExchange } from '@urql/core';
import { OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

import {
  CreateFulfillmentCancellationDocument,
  FulfillmentCancellationUpdatedDocument,
  type FulfillmentCancellationUpdatedSubscription,
  OrderDetailDocument,
  OrderUpdatedDocument,
  type OrderUpdatedSubscription,
} from '../../schema/client/graphql';
import { executeText } from '../helpers/graphql-client';
import { type Stack, startStack } from '../helpers/start-stack';
import { TEST_JWT_SECRET, adminToken, bearer, customerToken } from '../helpers/tokens';
import { eventually } from '../helpers/ws-client';

// Browsers (and Node 22) have a global WebSocket, which graphql-ws uses; Node 20 gets the `ws` package's, so the set-ups below stay as a browser app writes them.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

// README: Apollo Client set-up (begin)
export function createApolloClient(gatewayUrl: string, token: string) {
  // Subscriptions over the graphql-ws WebSocket, the token in connection_init.
  const wsClient = createClient({
    url: `${gatewayUrl.replace(/^http/, 'ws')}/graphql`,
    connectionParams: { authorization: `Bearer ${token}` },
  });
  const client = new ApolloClient({
    link: ApolloLink.split(
      ({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION,
      new GraphQLWsLink(wsClient),
      // Queries and mutations: POST with a JSON body, which CSRF prevention lets through.
      new HttpLink({ uri: `${gatewayUrl}/graphql`, headers: { authorization: `Bearer ${token}` } }),
    ),
    cache: new InMemoryCache(),
  });
  return { client, wsClient };
}
// README: Apollo Client set-up (end)

// README: urql set-up (begin)
export function createUrqlClient(gatewayUrl: string, token: string) {
  const wsClient = createClient({
    url: `${gatewayUrl.replace(/^http/, 'ws')}/graphql`,
    connectionParams: { authorization: `Bearer ${token}` },
  });
  const client = new Client({
    url: `${gatewayUrl}/graphql`,
    // urql sends queries as GET without a content-type by default, which CSRF prevention refuses: POST them.
    preferGetMethod: false,
    fetchOptions: { headers: { authorization: `Bearer ${token}` } },
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: wsClient.subscribe({ ...request, query: request.query ?? '' }, sink) }),
        }),
      }),
    ],
  });
  return { client, wsClient };
}
// README: urql set-up (end)

const WEBHOOK_SECRET = 'whsec_frontend_clients';

/** A fulfillment order item with a unit left to cancel, on an order that has a customer. */
interface Target { orderId: string; customerId: string; fulfillmentOrderId: string; itemId: string }

interface CandidateOrders {
  orders: { nodes: Array<{ id: string; customerId: string | null; fulfillmentOrders: Array<{ id: string; items: Array<{ id: string; cancellableQuantity: number }> }> | null }> };
}

/** Waits for the first value `accept` takes; fails after `timeoutMs`, showing what did arrive. */
async function firstMatching<T>(values: readonly T[], accept: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  await eventually(() => values.some(accept), timeoutMs, `a matching push among ${JSON.stringify(values)}`);
  return values.find(accept) as T;
}

describe('frontend clients against the gateway', () => {
  let stack: Stack;
  let candidates: CandidateOrders['orders']['nodes'];
  const used = new Set<string>();

  /** An item not used by an earlier test with a unit left to cancel, on an order that belongs to a customer. */
  function nextTarget(): Target {
    for (const order of candidates) {
      if (order.customerId === null) continue;
      for (const fulfillmentOrder of order.fulfillmentOrders ?? []) {
        const item = fulfillmentOrder.items.find((candidate) => candidate.cancellableQuantity >= 1 && !used.has(candidate.id));
        if (item === undefined) continue;
        used.add(item.id);
        return { orderId: order.id, customerId: order.customerId, fulfillmentOrderId: fulfillmentOrder.id, itemId: item.id };
      }
    }
    throw new Error('no cancellable item left in the demo data');
  }

  const cancellationPosts = () => stack.simulator.requestLog.entries().filter((entry) => entry.method === 'POST' && entry.path === '/fulfillment-cancellations');
  /** Signed deliveries of the fulfiller's acceptance that the gateway took (202). */
  const acceptances = () => stack.simulator.webhookDeliveries.filter((delivery) => delivery.eventType === 'fulfillment_cancellation.accepted' && delivery.status === 202);

  beforeAll(async () => {
    stack = await startStack({ AUTH_JWT_SECRET: TEST_JWT_SECRET, DR_WEBHOOK_SECRET: WEBHOOK_SECRET }, {
      fulfillerDelayMs: 300, webhookSecrets: [WEBHOOK_SECRET], webhookRetryBaseMs: 50,
    });
    // The simulator's fulfiller decides each cancellation and delivers the signed webhook to the gateway, as upstream does.
    const registered = await fetch(`${stack.simulator.url}/webhooks`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk_test_simulator', 'content-type': 'application/json' },
      body: JSON.stringify({ address: `${stack.url}/webhooks/digitalriver`, types: ['*'] }),
    });
    expect(registered.status).toBe(201);
    const page = await executeText<CandidateOrders>(stack.url,
      '{ orders(first: 50, filter: { state: ACCEPTED }) { nodes { id customerId fulfillmentOrders { id items { id cancellableQuantity } } } } }',
      {}, bearer(await adminToken()));
    candidates = page.data!.orders.nodes;
  });

  afterAll(async () => {
    await stack.stop();
  });

  beforeEach(async () => {
    await eventually(() => stack.gateway.openSubscriptions() === 0, 5_000, 'no subscription left from the previous test');
    stack.simulator.requestLog.clear();
  });

  it('shows these set-ups verbatim in the README', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const source = readFileSync(__filename, 'utf8');
    for (const name of ['Apollo Client', 'urql']) {
      const code = new RegExp(`// README: ${name} set-up \\(begin\\)\\n([\\s\\S]*?)// README: ${name} set-up \\(end\\)`).exec(source)?.[1];
      expect(code).toBeDefined();
      // Compared as a flag: a failure names the set-up instead of printing the whole README.
      expect({ name, shownInReadme: readme.includes(code!.trim()) }).toEqual({ name, shownInReadme: true });
    }
  });

  describe('Apollo Client', () => {
    it('runs a query, a mutation, and a subscription that receives the fulfiller\'s decision', async () => {
      const target = nextTarget();
      const { client, wsClient } = createApolloClient(stack.url, await customerToken(target.customerId));
      try {
        const detail = await client.query({ query: OrderDetailDocument, variables: { id: target.orderId } });
        expect(detail.data?.order?.id).toBe(target.orderId);
        const item = detail.data?.order?.fulfillmentOrders?.flatMap((fulfillmentOrder) => fulfillmentOrder.items).find((candidate) => candidate.id === target.itemId);
        expect(item?.cancellableQuantity).toBeGreaterThanOrEqual(1);

        const pushes: OrderUpdatedSubscription[] = [];
        const failures: unknown[] = [];
        const subscription = client.subscribe({ query: OrderUpdatedDocument, variables: { id: target.orderId } }).subscribe({
          next: (result) => {
            if (result.data !== undefined) pushes.push(result.data);
            if (result.error !== undefined) failures.push(result.error);
          },
          error: (error) => failures.push(error),
        });
        await eventually(() => stack.gateway.openSubscriptions() === 1, 5_000, 'the Apollo subscription');

        const created = await client.mutate({
          mutation: CreateFulfillmentCancellationDocument,
          variables: { input: { fulfillmentOrderId: target.fulfillmentOrderId, reason: 'test_accept', items: [{ fulfillmentOrderItemId: target.itemId, quantity: 1 }] } },
        });
        expect(created.data?.createFulfillmentCancellation.userErrors).toEqual([]);
        const cancellation = created.data?.createFulfillmentCancellation.fulfillmentCancellation;
        expect(cancellation).toMatchObject({ state: 'PENDING', fulfillmentOrderId: target.fulfillmentOrderId, items: [{ fulfillmentOrderItemId: target.itemId, quantity: 1 }] });
        expect(cancellationPosts()).toHaveLength(1);

        const decided = await firstMatching(pushes, (push) => push.orderUpdated.order?.fulfillmentOrders?.some((fulfillmentOrder) =>
          fulfillmentOrder.cancellations?.some((candidate) => candidate.id === cancellation?.id && candidate.state === 'ACCEPTED')) === true);
        expect(decided.orderUpdated).toMatchObject({ orderId: target.orderId, type: 'fulfillment_cancellation.accepted' });
        expect(acceptances().length).toBeGreaterThanOrEqual(1);
        expect(failures).toEqual([]);
        subscription.unsubscribe();
      } finally {
        client.stop();
        await wsClient.dispose();
      }
    });
  });

  describe('urql', () => {
    it('runs a query, a mutation, and a subscription that receives the fulfiller\'s decision', async () => {
      const target = nextTarget();
      const { client, wsClient } = createUrqlClient(stack.url, await customerToken(target.customerId));
      try {
        const detail = await client.query(OrderDetailDocument, { id: target.orderId }).toPromise();
        expect(detail.error).toBeUndefined();
        expect(detail.data?.order?.id).toBe(target.orderId);

        const pushes: FulfillmentCancellationUpdatedSubscription[] = [];
        const failures: unknown[] = [];
        const subscription = client.subscription(FulfillmentCancellationUpdatedDocument, { fulfillmentOrderId: target.fulfillmentOrderId }).subscribe((result) => {
          if (result.data !== undefined) pushes.push(result.data);
          if (result.error !== undefined) failures.push(result.error);
        });
        await eventually(() => stack.gateway.openSubscriptions() === 1, 5_000, 'the urql subscription');

        const created = await client.mutation(CreateFulfillmentCancellationDocument, {
          input: { fulfillmentOrderId: target.fulfillmentOrderId, reason: 'test_accept', items: [{ fulfillmentOrderItemId: target.itemId, quantity: 1 }] },
        }).toPromise();
        expect(created.error).toBeUndefined();
        expect(created.data?.createFulfillmentCancellation.userErrors).toEqual([]);
        const cancellation = created.data?.createFulfillmentCancellation.fulfillmentCancellation;
        expect(cancellation?.state).toBe('PENDING');
        expect(cancellationPosts()).toHaveLength(1);

        const decided = await firstMatching(pushes, (push) => push.fulfillmentCancellationUpdated.fulfillmentCancellation.id === cancellation?.id
          && push.fulfillmentCancellationUpdated.fulfillmentCancellation.state === 'ACCEPTED');
        expect(decided.fulfillmentCancellationUpdated).toMatchObject({ type: 'fulfillment_cancellation.accepted', previousState: 'PENDING' });
        const unit = decided.fulfillmentCancellationUpdated.fulfillmentCancellation.fulfillmentOrder?.items.find((candidate) => candidate.id === target.itemId);
        expect(unit?.cancelled).toBeGreaterThanOrEqual(1);
        expect(acceptances().length).toBeGreaterThanOrEqual(1);
        expect(failures).toEqual([]);
        subscription.unsubscribe();
      } finally {
        wsClient.dispose();
      }
    });

    it('sends queries as GET by default, which CSRF prevention refuses unless apollo-require-preflight comes along', async () => {
      const target = nextTarget();
      const token = await customerToken(target.customerId);
      const methods: string[] = [];
      const recordingFetch: typeof fetch = (input, init) => {
        methods.push(init?.method ?? 'GET');
        return fetch(input, init);
      };
      const plain = new Client({ url: `${stack.url}/graphql`, fetch: recordingFetch, exchanges: [fetchExchange], fetchOptions: { headers: { authorization: `Bearer ${token}` } } });
      const refused = await plain.query(OrderDetailDocument, { id: target.orderId }).toPromise();
      expect(refused.data).toBeUndefined();
      expect(refused.error?.message).toMatch(/Cross-Site Request Forgery|CSRF/);
      // Refused before any resolver ran: nothing reached upstream.
      expect(stack.simulator.requestLog.entries()).toEqual([]);

      const preflighted = new Client({
        url: `${stack.url}/graphql`, fetch: recordingFetch, exchanges: [fetchExchange],
        fetchOptions: { headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' } },
      });
      const answered = await preflighted.query(OrderDetailDocument, { id: target.orderId }).toPromise();
      expect(answered.error).toBeUndefined();
      expect(answered.data?.order?.id).toBe(target.orderId);
      expect(methods).toEqual(['GET', 'GET']);
      expect(stack.simulator.requestLog.entries().length).toBeGreaterThan(0);
    });
  });
});
