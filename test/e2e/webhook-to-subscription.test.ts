// Signed webhooks in, graphql-ws pushes out: the status table, de-duplication, ordering, rotation, slow and vanished subscribers.
import WebSocket from 'ws';

import { simListAll } from '../helpers/simulator-http';
import { cancellationEvent, postWebhook, sendEvent, signatureHeader } from '../helpers/sign-webhook';
import { type Stack, startStack } from '../helpers/start-stack';
import { collect, eventually, openClient } from '../helpers/ws-client';

const SECRETS = ['whsec_old_secret', 'whsec_new_secret'];

interface RawCancellation { id: string; fulfillmentOrderId: string | number; upstreamId?: string | number; state: string; items: Array<Record<string, unknown>> }

const CANCELLATION_QUERY = `subscription($id: ID, $orderId: ID, $fulfillmentOrderId: ID) {
  fulfillmentCancellationUpdated(id: $id, orderId: $orderId, fulfillmentOrderId: $fulfillmentOrderId) {
    eventId type occurredAt previousState
    fulfillmentCancellation { id state items { quantity quantityAccepted state } fulfillmentOrder { id items { id pending cancellableQuantity } } order { id } }
  }
}`;

interface CancellationPush {
  fulfillmentCancellationUpdated: {
    eventId: string; type: string; occurredAt: string; previousState: string | null;
    fulfillmentCancellation: { id: string; state: string; fulfillmentOrder: { id: string; items: Array<{ id: string }> } | null; order: { id: string } | null };
  };
}

describe('webhooks to subscriptions', () => {
  let stack: Stack;
  let cancellations: RawCancellation[];
  let pick: (index: number) => RawCancellation & { orderId: string };

  beforeAll(async () => {
    stack = await startStack({ DR_WEBHOOK_SECRET: SECRETS.join(',') });
    cancellations = (await simListAll<RawCancellation>(stack.simulator, '/fulfillment-cancellations'))
      .filter((c) => c.state === 'pending' && c.upstreamId !== undefined);
    pick = (index) => ({ ...cancellations[index]!, orderId: String(cancellations[index]!.upstreamId) });
  });

  afterAll(async () => {
    await stack.stop();
  });

  // Each test starts with no subscription left by the one before.
  beforeEach(() => eventually(() => stack.gateway.openSubscriptions() === 0, 5000, 'no subscriptions left from the previous test'));

  describe('Receipt', () => {
    const body = () => JSON.stringify(cancellationEvent({ id: 'ret_receipt', fulfillmentOrderId: '1', state: 'pending' }, 'fulfillment_cancellation.created'));

    it('answers 202 to a new signed event and 200 to the same id again', async () => {
      const event = body();
      const header = signatureHeader(event, [SECRETS[0]!]);
      expect((await postWebhook(stack.url, event, { 'digitalriver-signature': header })).status).toBe(202);
      const again = await postWebhook(stack.url, event, { 'digitalriver-signature': signatureHeader(event, [SECRETS[0]!]) });
      expect(again).toEqual({ status: 200, body: { received: true, duplicate: true, id: JSON.parse(event).id } });
    });

    it('accepts either secret during rotation, and several v0 entries', async () => {
      for (const secrets of [[SECRETS[0]!], [SECRETS[1]!], ['whsec_unknown', SECRETS[1]!]]) {
        const event = body();
        expect((await postWebhook(stack.url, event, { 'digitalriver-signature': signatureHeader(event, secrets) })).status).toBe(202);
      }
    });

    it.each([
      ['no signature header', {}, 'missing DigitalRiver-Signature header'],
      ['a signature from another secret', { sign: ['whsec_wrong'] }, 'signature does not match any configured secret'],
      ['a timestamp 10 minutes old', { at: Math.floor(Date.now() / 1000) - 600 }, 'signature timestamp is outside the tolerance'],
      ['a malformed header', { raw: 'v0=abc' }, 'DigitalRiver-Signature must look like t=<unix seconds>,v0=<hex sha256>'],
    ])('answers 401 to %s', async (_name, options: { sign?: string[]; at?: number; raw?: string }, message) => {
      const event = body();
      const headers: Record<string, string> = {};
      if (options.raw !== undefined) headers['digitalriver-signature'] = options.raw;
      else if (options.sign !== undefined || options.at !== undefined) headers['digitalriver-signature'] = signatureHeader(event, options.sign ?? [SECRETS[0]!], options.at);
      expect(await postWebhook(stack.url, event, headers)).toEqual({ status: 401, body: { error: message } });
    });

    it('answers 401 when the body was changed after signing', async () => {
      const event = body();
      const header = signatureHeader(event, [SECRETS[0]!]);
      expect((await postWebhook(stack.url, event.replace('pending', 'accepted'), { 'digitalriver-signature': header })).status).toBe(401);
    });

    it.each([
      ['not JSON', '{"id": ', 'body is not valid JSON'],
      ['without id', JSON.stringify({ type: 'order.accepted', createdTime: new Date().toISOString() }), 'expected "id" to be a non-empty string, got undefined'],
      ['without type', JSON.stringify({ id: 'e1', createdTime: new Date().toISOString() }), 'expected "type" to be a non-empty string, got undefined'],
    ])('answers 400 to a signed body %s', async (_name, raw, message) => {
      expect(await postWebhook(stack.url, raw, { 'digitalriver-signature': signatureHeader(raw, [SECRETS[0]!]) })).toEqual({ status: 400, body: { error: message } });
    });

    it('answers 413 to a body over 1 MiB', async () => {
      const raw = JSON.stringify({ id: 'big', type: 'order.accepted', pad: 'x'.repeat(1024 * 1024) });
      expect((await postWebhook(stack.url, raw, { 'digitalriver-signature': signatureHeader(raw, [SECRETS[0]!]) })).status).toBe(413);
    });

    it('acknowledges an event type it does not use with 202 and pushes nothing', async () => {
      const client = openClient(stack.url);
      const watcher = collect<CancellationPush>(client, CANCELLATION_QUERY, {});
      await eventually(() => stack.gateway.openSubscriptions() > 0, 5000, 'subscription');
      const status = await sendEvent(stack.url, { id: `evt_${Date.now()}`, type: 'refund.pending', createdTime: new Date().toISOString(), data: { object: { id: 're_1' } } }, [SECRETS[0]!]);
      expect(status).toBe(202);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(watcher.results).toEqual([]);
      await client.dispose();
    });
  });

  describe('Delivery', () => {
    it('pushes an accepted cancellation with its whole graph to subscribers by id, order and fulfillment order', async () => {
      const raw = pick(0);
      const client = openClient(stack.url);
      const byId = collect<CancellationPush>(client, CANCELLATION_QUERY, { id: raw.id });
      const byOrder = collect<CancellationPush>(client, CANCELLATION_QUERY, { orderId: raw.orderId });
      const byFulfillmentOrder = collect<CancellationPush>(client, CANCELLATION_QUERY, { fulfillmentOrderId: String(raw.fulfillmentOrderId) });
      const other = collect<CancellationPush>(client, CANCELLATION_QUERY, { id: 'ret_someone_else' });
      const orderWatch = collect<{ orderUpdated: { type: string; orderId: string; order: { id: string; state: string } } }>(client,
        'subscription($id: ID!) { orderUpdated(id: $id) { eventId type orderId order { id state } } }', { id: raw.orderId });
      await eventually(() => stack.gateway.openSubscriptions() >= 5, 5000, 'five subscriptions');

      const accepted = { ...raw, state: 'accepted', items: raw.items.map((item) => ({ ...item, state: 'accepted', quantityAccepted: item.quantity })) };
      const event = cancellationEvent(accepted, 'fulfillment_cancellation.accepted', { previousState: 'pending' });
      expect(await sendEvent(stack.url, event, [SECRETS[1]!])).toBe(202);

      await Promise.all([byId.waitFor(1), byOrder.waitFor(1), byFulfillmentOrder.waitFor(1), orderWatch.waitFor(1)]);
      for (const watcher of [byId, byOrder, byFulfillmentOrder]) {
        expect(watcher.results).toHaveLength(1);
        const update = watcher.results[0]!.data!.fulfillmentCancellationUpdated;
        expect(update).toMatchObject({ eventId: event.id, type: 'fulfillment_cancellation.accepted', previousState: 'PENDING' });
        expect(update.fulfillmentCancellation).toMatchObject({ id: raw.id, state: 'ACCEPTED', order: { id: raw.orderId } });
        expect(update.fulfillmentCancellation.fulfillmentOrder?.id).toBe(String(raw.fulfillmentOrderId));
        expect(update.fulfillmentCancellation.fulfillmentOrder?.items.length).toBeGreaterThan(0);
      }
      expect(orderWatch.results[0]!.data!.orderUpdated).toMatchObject({ type: 'fulfillment_cancellation.accepted', orderId: raw.orderId, order: { id: raw.orderId } });
      expect(other.results).toEqual([]);
      await client.dispose();
    });

    it('pushes a duplicate delivery once and an older event not at all', async () => {
      const raw = pick(1);
      const client = openClient(stack.url);
      const watcher = collect<CancellationPush>(client, CANCELLATION_QUERY, { id: raw.id });
      await eventually(() => stack.gateway.openSubscriptions() >= 1, 5000, 'subscription');
      const now = Date.now();
      const newer = cancellationEvent({ ...raw, state: 'rejected' }, 'fulfillment_cancellation.rejected', { createdTime: new Date(now) });
      const older = cancellationEvent({ ...raw, state: 'pending' }, 'fulfillment_cancellation.created', { createdTime: new Date(now - 60_000) });
      expect(await sendEvent(stack.url, newer, [SECRETS[0]!])).toBe(202);
      expect(await sendEvent(stack.url, newer, [SECRETS[0]!])).toBe(200);
      expect(await sendEvent(stack.url, older, [SECRETS[0]!])).toBe(202);
      await watcher.waitFor(1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(watcher.results.map((result) => result.data?.fulfillmentCancellationUpdated.type)).toEqual(['fulfillment_cancellation.rejected']);
      // previousState falls back to the last state the gateway saw when the event has no previousAttributes
      const later = cancellationEvent({ ...raw, state: 'accepted' }, 'fulfillment_cancellation.accepted', { createdTime: new Date(now + 1000) });
      expect(await sendEvent(stack.url, later, [SECRETS[0]!])).toBe(202);
      await watcher.waitFor(2);
      expect(watcher.results[1]!.data!.fulfillmentCancellationUpdated.previousState).toBe('REJECTED');
      await client.dispose();
    });

    it('keeps pushing to a reader while another subscriber stopped reading', async () => {
      const raw = pick(2);
      // A raw graphql-ws peer that subscribes and then never reads its socket again.
      const stalled = new WebSocket(`${stack.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
      await new Promise<void>((resolve) => stalled.once('open', () => resolve()));
      stalled.send(JSON.stringify({ type: 'connection_init' }));
      await new Promise<void>((resolve) => stalled.once('message', () => resolve()));
      const before = stack.gateway.openSubscriptions();
      stalled.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: CANCELLATION_QUERY, variables: { id: raw.id } } }));
      // Each subscription registers after its own admission and subscribe: wait for one, then the other.
      await eventually(() => stack.gateway.openSubscriptions() >= before + 1, 5000, 'stalled subscription');
      const client = openClient(stack.url);
      const reader = collect<CancellationPush>(client, CANCELLATION_QUERY, { id: raw.id });
      await eventually(() => stack.gateway.openSubscriptions() >= before + 2, 5000, 'reader subscription');
      (stalled as unknown as { _socket: { pause(): void } })._socket.pause();

      const started = Date.now();
      for (let index = 0; index < 40; index += 1) {
        const event = cancellationEvent({ ...raw, state: index % 2 === 0 ? 'pending' : 'accepted' }, 'fulfillment_cancellation.updated', { createdTime: new Date(started + index) });
        expect(await sendEvent(stack.url, event, [SECRETS[0]!])).toBe(202);
      }
      await reader.waitFor(40, 10_000);
      expect(new Set(reader.results.map((result) => result.data?.fulfillmentCancellationUpdated.eventId)).size).toBe(40);
      stalled.terminate();
      await client.dispose();
    });

    it('leaves no listener behind when sockets close', async () => {
      const clients = Array.from({ length: 5 }, () => openClient(stack.url));
      for (const client of clients) {
        collect(client, CANCELLATION_QUERY, {});
        collect(client, 'subscription { orderUpdated(id: "1") { eventId } }');
      }
      await eventually(() => stack.gateway.openSubscriptions() === 10, 5000, 'ten subscriptions');
      await Promise.all(clients.map((client) => client.dispose()));
      await eventually(() => stack.gateway.openSubscriptions() === 0, 5000, 'listeners released');
      const abrupt = new WebSocket(`${stack.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
      await new Promise<void>((resolve) => abrupt.once('open', () => resolve()));
      abrupt.send(JSON.stringify({ type: 'connection_init' }));
      await new Promise<void>((resolve) => abrupt.once('message', () => resolve()));
      abrupt.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { orderUpdated(id: "1") { eventId } }' } }));
      await eventually(() => stack.gateway.openSubscriptions() === 1, 5000, 'abrupt subscription');
      abrupt.terminate();
      await eventually(() => stack.gateway.openSubscriptions() === 0, 5000, 'listener released after terminate');
    });
  });
});
