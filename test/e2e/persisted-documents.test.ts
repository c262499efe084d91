// The typed client's persisted-documents manifest as the allowlist: each listed document runs by documentId, by the APQ hash and by its text, over HTTP and the WebSocket; anything else is refused.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type DocumentNode, getOperationAST, parse, print } from 'graphql';

import * as client from '../../schema/client/graphql';
import { sha256 } from '../../src/graphql/allowlist';
import { OrderPageDocument as TestOrderPageDocument } from '../generated/graphql';
import { executeText } from '../helpers/graphql-client';
import { simListAll } from '../helpers/simulator-http';
import { cancellationEvent, sendEvent } from '../helpers/sign-webhook';
import { type Stack, startStack } from '../helpers/start-stack';
import { collect, eventually, openClient, wsExecute } from '../helpers/ws-client';

const MANIFEST_PATH = join(__dirname, '..', '..', 'schema', 'persisted-documents.json');
const OPERATIONS_DIRECTORY = join(__dirname, '..', '..', 'schema', 'operations');
const WEBHOOK_SECRET = 'whsec_persisted_documents';

/** One manifest entry, read the way a frontend team ships it. */
interface Listed { key: string; hash: string; name: string; type: 'query' | 'mutation' | 'subscription'; body: string }

const manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as Record<string, string>;
const listed: Listed[] = Object.entries(manifest).map(([key, body]) => {
  const operation = getOperationAST(parse(body));
  if (operation?.name === undefined) throw new Error(`manifest entry ${key} holds no single named operation`);
  return { key, hash: key.replace(/^sha256:/, ''), name: operation.name.value, type: operation.operation as Listed['type'], body };
});
const byName = (name: string): Listed => {
  const entry = listed.find((candidate) => candidate.name === name);
  if (entry === undefined) throw new Error(`${name} is not in ${MANIFEST_PATH}`);
  return entry;
};
const singleResult = listed.filter((entry) => entry.type !== 'subscription');

/** The ways a client may name a listed document over HTTP. */
const WAYS: ReadonlyArray<[string, (entry: Listed, variables: object) => { method: 'GET' | 'POST'; search?: string; body?: object }]> = [
  ['documentId, bare hash', (entry, variables) => ({ method: 'POST', body: { documentId: entry.hash, variables } })],
  ['documentId, sha256:<hash>', (entry, variables) => ({ method: 'POST', body: { documentId: entry.key, variables } })],
  ['APQ extension with the hash only', (entry, variables) => ({ method: 'POST', body: { variables, extensions: { persistedQuery: { version: 1, sha256Hash: entry.hash } } } })],
  ['full text', (entry, variables) => ({ method: 'POST', body: { query: entry.body, variables } })],
];

interface Answer { status: number; body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: { code?: string } }> } }

async function send(url: string, request: { method: 'GET' | 'POST'; search?: string; body?: object }): Promise<Answer> {
  const response = request.method === 'GET'
    ? await fetch(`${url}/graphql${request.search ?? ''}`, { headers: { 'apollo-require-preflight': 'true' } })
    : await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request.body) });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

/** Ids in the demo data that the listed operations take as variables. */
interface Fixture { orderId: string; orderItemId: string; fulfillmentOrderId: string; fulfillmentOrderItemId: string }

/**
 * Variables per listed operation. The mutations carry a quantity of 0, so
 * their resolvers run and answer a userError without writing anything
 * upstream, however often a test repeats them.
 */
function variablesFor(name: string, fixture: Fixture): Record<string, unknown> {
  switch (name) {
    case 'OrderPage': return { first: 2 };
    case 'OrderDetail': return { id: fixture.orderId };
    case 'CreateFulfillmentCancellation':
      return { input: { fulfillmentOrderId: fixture.fulfillmentOrderId, items: [{ fulfillmentOrderItemId: fixture.fulfillmentOrderItemId, quantity: 0 }] } };
    case 'CreateFulfillment': return { input: { orderId: fixture.orderId, items: [{ itemId: fixture.orderItemId, quantity: 0 }] } };
    default: throw new Error(`no variables for ${name}: add them when schema/operations gains an operation`);
  }
}

/** Asserts the operation reached its resolver and answered as that resolver does. */
function expectRan(name: string, answer: Answer, fixture: Fixture): void {
  expect([name, answer.status, answer.body.errors]).toEqual([name, 200, undefined]);
  const data = answer.body.data ?? {};
  switch (name) {
    case 'OrderPage': expect(data).toMatchObject({ orders: { nodes: [{ id: expect.any(String) }, { id: expect.any(String) }] } }); break;
    case 'OrderDetail': expect(data).toMatchObject({ order: { id: fixture.orderId } }); break;
    case 'CreateFulfillmentCancellation':
      expect(data).toEqual({ createFulfillmentCancellation: { fulfillmentCancellation: null, userErrors: [expect.objectContaining({ code: 'invalid_quantity_amount' })] } });
      break;
    case 'CreateFulfillment':
      expect(data).toEqual({ createFulfillment: { fulfillment: null, userErrors: [expect.objectContaining({ field: ['items', '0', 'quantity'] })] } });
      break;
    default: throw new Error(`no expectation for ${name}`);
  }
}

/** Ids from the demo data, read with the listed OrderPage (the allowlist refuses anything else). */
async function findFixture(stack: Stack): Promise<Fixture> {
  const page = await executeText<{ orders: { nodes: Array<{ id: string; items: Array<{ id: string }>; fulfillmentOrders: Array<{ id: string; items: Array<{ id: string }> }> | null }> } }>(
    stack.url, byName('OrderPage').body, { first: 20, filter: { state: 'ACCEPTED' } });
  const order = page.data?.orders.nodes.find((candidate) => (candidate.fulfillmentOrders ?? []).some((fulfillmentOrder) => fulfillmentOrder.items.length > 0));
  const fulfillmentOrder = order?.fulfillmentOrders?.find((candidate) => candidate.items.length > 0);
  if (order === undefined || fulfillmentOrder === undefined) throw new Error('no accepted order with a fulfillment order in the demo data');
  return { orderId: order.id, orderItemId: order.items[0]!.id, fulfillmentOrderId: fulfillmentOrder.id, fulfillmentOrderItemId: fulfillmentOrder.items[0]!.id };
}

describe('the generated manifest', () => {
  it('lists every operation of schema/operations once, keyed by the sha256 of its text', () => {
    const sources = readdirSync(OPERATIONS_DIRECTORY).filter((file) => file.endsWith('.graphql'))
      .flatMap((file) => parse(readFileSync(join(OPERATIONS_DIRECTORY, file), 'utf8')).definitions)
      .flatMap((definition) => (definition.kind === 'OperationDefinition' ? [definition.name?.value] : []));
    expect(sources).toHaveLength(6);
    expect(listed.map((entry) => entry.name).sort()).toEqual([...sources].sort());
    for (const entry of listed) expect(entry.key).toBe(`sha256:${sha256(entry.body)}`);
  });

  it('carries the same hash in each typed document the client imports', () => {
    const documents: Record<string, DocumentNode & { __meta__?: { hash?: string } }> = {
      OrderPage: client.OrderPageDocument,
      OrderDetail: client.OrderDetailDocument,
      CreateFulfillmentCancellation: client.CreateFulfillmentCancellationDocument,
      CreateFulfillment: client.CreateFulfillmentDocument,
      OrderUpdated: client.OrderUpdatedDocument,
      FulfillmentCancellationUpdated: client.FulfillmentCancellationUpdatedDocument,
    };
    for (const entry of listed) expect([entry.name, documents[entry.name]?.__meta__?.hash]).toEqual([entry.name, entry.key]);
  });
});

describe('PERSISTED_QUERIES_ALLOWLIST=schema/persisted-documents.json', () => {
  let stack: Stack;
  let fixture: Fixture;

  beforeAll(async () => {
    stack = await startStack({ PERSISTED_QUERIES_ALLOWLIST: MANIFEST_PATH, DR_WEBHOOK_SECRET: WEBHOOK_SECRET });
    fixture = await findFixture(stack);
  });
  afterAll(() => stack.stop());
  beforeEach(() => stack.simulator.requestLog.clear());

  describe('HTTP', () => {
    const cases = singleResult.flatMap((entry) => WAYS.map(([way, build]) => [entry.name, way, build] as const));
    it.each(cases)('runs %s by %s', async (name, _way, build) => {
      expectRan(name, await send(stack.url, build(byName(name), variablesFor(name, fixture))), fixture);
    });

    it.each(listed.filter((entry) => entry.type === 'query').map((entry) => [entry.name]))('runs %s by GET with documentId=sha256:<hash>', async (name) => {
      const search = `?documentId=${encodeURIComponent(byName(name).key)}&variables=${encodeURIComponent(JSON.stringify(variablesFor(name, fixture)))}`;
      expectRan(name, await send(stack.url, { method: 'GET', search }), fixture);
    });

    it('refuses an unlisted document with FORBIDDEN before any upstream call', async () => {
      const answer = await send(stack.url, { method: 'POST', body: { query: print(TestOrderPageDocument), variables: { first: 1 } } });
      expect(answer.status).toBe(403);
      expect(answer.body.errors?.[0]).toMatchObject({ message: 'this operation is not in the persisted-query allowlist', extensions: { code: 'FORBIDDEN' } });
      expect(stack.simulator.requestLog.entries()).toEqual([]);
    });

    it('answers an id it does not hold with PERSISTED_QUERY_NOT_FOUND, and registers nothing new', async () => {
      const text = '{ orders(first: 1) { nodes { id } } }';
      const unknown = await send(stack.url, { method: 'POST', body: { documentId: `sha256:${sha256(text)}` } });
      expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      const register = await send(stack.url, { method: 'POST', body: { query: text, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(text) } } } });
      expect(register.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const again = await send(stack.url, { method: 'POST', body: { documentId: sha256(text) } });
      expect(again.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      expect(stack.simulator.requestLog.entries()).toEqual([]);
    });

    it('refuses a listed subscription over plain HTTP, pointing to the WebSocket', async () => {
      const answer = await send(stack.url, { method: 'POST', body: { documentId: byName('OrderUpdated').key, variables: { id: fixture.orderId } } });
      expect(answer.status).toBe(400);
      expect(answer.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
      expect(answer.body.errors?.[0]?.message).toMatch(/WebSocket/);
    });
  });

  describe('WebSocket', () => {
    beforeEach(() => eventually(() => stack.gateway.openSubscriptions() === 0, 5_000, 'no subscription left from the previous test'));

    it('runs both listed subscriptions by their text and pushes a signed webhook\'s event to each', async () => {
      const pending = (await simListAll<{ id: string; fulfillmentOrderId: string | number; upstreamId?: string | number; state: string; items: Array<Record<string, unknown>> }>(
        stack.simulator, '/fulfillment-cancellations')).find((candidate) => candidate.state === 'pending' && candidate.upstreamId !== undefined);
      if (pending === undefined) throw new Error('no pending cancellation with an order in the demo data');
      const orderId = String(pending.upstreamId);
      const socket = openClient(stack.url);
      try {
        const orderWatch = collect<{ orderUpdated: { type: string; orderId: string } }>(socket, byName('OrderUpdated').body, { id: orderId });
        const cancellationWatch = collect<{ fulfillmentCancellationUpdated: { type: string; fulfillmentCancellation: { id: string; state: string } } }>(
          socket, byName('FulfillmentCancellationUpdated').body, { id: pending.id });
        await eventually(() => stack.gateway.openSubscriptions() === 2, 5_000, 'both subscriptions');

        const accepted = { ...pending, state: 'accepted', items: pending.items.map((item) => ({ ...item, state: 'accepted', quantityAccepted: item.quantity })) };
        expect(await sendEvent(stack.url, cancellationEvent(accepted, 'fulfillment_cancellation.accepted', { previousState: 'pending' }), [WEBHOOK_SECRET])).toBe(202);
        await Promise.all([orderWatch.waitFor(1), cancellationWatch.waitFor(1)]);
        expect(orderWatch.results[0]).toMatchObject({ data: { orderUpdated: { type: 'fulfillment_cancellation.accepted', orderId } } });
        expect(cancellationWatch.results[0]).toMatchObject({ data: { fulfillmentCancellationUpdated: { fulfillmentCancellation: { id: pending.id, state: 'ACCEPTED' } } } });
      } finally {
        await socket.dispose();
      }
    });

    it('runs a listed query by its text', async () => {
      const socket = openClient(stack.url);
      try {
        const result = await wsExecute(socket, byName('OrderDetail').body, variablesFor('OrderDetail', fixture));
        expect(result).toMatchObject({ refused: false, data: { order: { id: fixture.orderId } } });
      } finally {
        await socket.dispose();
      }
    });

    it('runs a listed query by documentId or by the APQ hash alone, and answers an unknown id with PERSISTED_QUERY_NOT_FOUND', async () => {
      const socket = openClient(stack.url);
      try {
        const entry = byName('OrderDetail');
        const hash = entry.key.replace(/^sha256:/, '');
        for (const more of [{ documentId: entry.key }, { documentId: hash }, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }]) {
          const result = await wsExecute(socket, '', variablesFor('OrderDetail', fixture), undefined, more);
          expect(result).toMatchObject({ refused: false, data: { order: { id: fixture.orderId } } });
        }
        const unknown = await wsExecute(socket, '', {}, undefined, { documentId: sha256('{ __typename }') });
        expect(unknown).toMatchObject({ refused: true, errors: [{ extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] });
      } finally {
        await socket.dispose();
      }
    });

    it('refuses an unlisted subscription with FORBIDDEN and keeps the socket for listed ones', async () => {
      const socket = openClient(stack.url);
      try {
        const refused = await wsExecute(socket, `subscription($id: ID!) { orderUpdated(id: $id) { eventId } }`, { id: fixture.orderId });
        expect(refused).toMatchObject({ refused: true, errors: [{ message: 'this operation is not in the persisted-query allowlist', extensions: { code: 'FORBIDDEN' } }] });
        expect(stack.gateway.openSubscriptions()).toBe(0);
        const listedQuery = await wsExecute(socket, byName('OrderPage').body, { first: 1 });
        expect(listedQuery.refused).toBe(false);
      } finally {
        await socket.dispose();
      }
    });
  });
});

describe('PERSISTED_QUERIES_ALLOWLIST with the same documents as an Apollo manifest', () => {
  let stack: Stack;
  let fixture: Fixture;

  beforeAll(async () => {
    const directory = mkdtempSync(join(tmpdir(), 'apollo-manifest-'));
    const path = join(directory, 'persisted-query-manifest.json');
    writeFileSync(path, JSON.stringify({
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: listed.map((entry) => ({ id: entry.hash, name: entry.name, type: entry.type, body: entry.body })),
    }));
    stack = await startStack({ PERSISTED_QUERIES_ALLOWLIST: path });
    fixture = await findFixture(stack);
  });
  afterAll(() => stack.stop());

  it.each(singleResult.flatMap((entry) => WAYS.map(([way, build]) => [entry.name, way, build] as const)))('runs %s by %s', async (name, _way, build) => {
    expectRan(name, await send(stack.url, build(byName(name), variablesFor(name, fixture))), fixture);
  });

  it('refuses an unlisted document with FORBIDDEN', async () => {
    stack.simulator.requestLog.clear();
    const answer = await send(stack.url, { method: 'POST', body: { query: '{ orders(first: 1) { nodes { id } } }' } });
    expect([answer.status, answer.body.errors?.[0]?.extensions?.code]).toEqual([403, 'FORBIDDEN']);
    expect(stack.simulator.requestLog.entries()).toEqual([]);
  });
});
