// The webhooks API and the webhook sender over real HTTP: registration, type matching, signatures, retries, timeouts, stop.

import { createSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/create-simulator';
import type { WebhookDelivery } from '../../src/simulator/webhook-sender';
import type { FulfillmentCancellation, FulfillmentOrder, SimEvent, Webhook } from '../../src/simulator/wire-types';
import { call, expectUpstreamError } from './sim-client';
import { ACCEPTED_CANCELLATION_EVENTS, postJson } from './sim-events';
import { parseSignature, signersOf, startReceiver, type WebhookReceiver } from './webhook-receiver';

const ISO_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

// Creates a pending cancellation of one unit on the bulk order: exactly one event, fulfillment_cancellation.created.
async function trigger(sim: Simulator): Promise<string> {
  const fo = sim.store.fulfillmentOrdersOfOrder(sim.store.facts.bulkOrderId)[0] as FulfillmentOrder;
  const res = await postJson(sim, '/fulfillment-cancellations', { fulfillmentOrderId: fo.id, items: [{ fulfillmentOrderItemId: fo.items[0]?.id, quantity: 1 }] });
  expect(res.status).toBe(201);
  return (res.body as FulfillmentCancellation).id;
}

async function register(sim: Simulator, body: Record<string, unknown>): Promise<Webhook> {
  const res = await postJson(sim, '/webhooks', body);
  expect(res.status).toBe(201);
  return res.body as Webhook;
}

async function deleteAllWebhooks(sim: Simulator): Promise<void> {
  for (const webhook of [...sim.store.webhooks.sorted()]) expect((await call(sim, `/webhooks/${webhook.id}`, { method: 'DELETE' })).status).toBe(204);
}

// Deliveries of one event, from the simulator's own record.
function attemptsOf(sim: Simulator, eventType: string, objectId?: string): WebhookDelivery[] {
  return sim.webhookDeliveries.filter(
    (d) => d.eventType === eventType && (objectId === undefined || (sim.store.events.get(d.eventId)?.data.object as { id?: string } | undefined)?.id === objectId),
  );
}

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('Webhooks API', () => {
  let sim: Simulator;

  beforeAll(async () => {
    sim = await createSimulator({ port: 0, orderCount: 30 });
  });

  afterAll(async () => {
    await sim.stop();
  });

  it('creates, lists, reads, updates and deletes a webhook', async () => {
    const created = await register(sim, { types: ['order.*', 'fulfillment_cancellation.accepted', 'order.*'], address: 'https://hooks.example/dr' });
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      types: ['fulfillment_cancellation.accepted', 'order.*'],
      address: 'https://hooks.example/dr',
      enabled: true,
      apiVersion: 'default',
      createdTime: expect.stringMatching(ISO_MILLIS),
      updatedTime: created.createdTime,
      liveMode: false,
    });
    const second = await register(sim, { types: ['*'], address: 'http://127.0.0.1:9/local', enabled: false, apiVersion: '2021-12-13' });
    expect(second).toMatchObject({ enabled: false, apiVersion: '2021-12-13' });

    const list = await call(sim, '/webhooks');
    expect(list.body).toEqual({ hasMore: false, data: [second, created] });
    expect((await call(sim, `/webhooks/${created.id}`)).body).toEqual(created);

    await new Promise((resolve) => setTimeout(resolve, 5));
    const patched = await call(sim, `/webhooks/${created.id}`, { method: 'PATCH', body: JSON.stringify({ enabled: false, types: ['*'] }) });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id: created.id, enabled: false, types: ['*'], address: created.address, createdTime: created.createdTime });
    expect((patched.body as Webhook).updatedTime > created.updatedTime).toBe(true);
    const badPatch = await call(sim, `/webhooks/${created.id}`, { method: 'PATCH', body: JSON.stringify({ enabled: 'no' }) });
    expect(badPatch.body).toMatchObject({ type: 'bad_request', errors: [{ code: 'invalid_parameter', parameter: 'enabled' }] });

    expect((await call(sim, `/webhooks/${created.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(sim, `/webhooks/${created.id}`)).body).toMatchObject({ type: 'not_found', errors: [{ code: 'not_found', parameter: 'id' }] });
    expect((await call(sim, `/webhooks/${created.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await call(sim, '/webhooks', { method: 'POST', auth: false, body: '{}' })).status).toBe(401);
    await deleteAllWebhooks(sim);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['types is absent', { address: 'https://hooks.example/' }, 'missing_parameter', 'types'],
    ['types is empty', { types: [], address: 'https://hooks.example/' }, 'invalid_parameter', 'types'],
    ['types is a string', { types: 'order.*', address: 'https://hooks.example/' }, 'invalid_parameter', 'types'],
    ['a type is malformed', { types: ['order.accepted', 'order accepted'], address: 'https://hooks.example/' }, 'invalid_parameter', 'types[1]'],
    ['address is absent', { types: ['*'] }, 'missing_parameter', 'address'],
    ['address is not a URL', { types: ['*'], address: 'hooks.example' }, 'invalid_parameter', 'address'],
    ['address is not http(s)', { types: ['*'], address: 'ftp://hooks.example/' }, 'invalid_parameter', 'address'],
    ['enabled is not a boolean', { types: ['*'], address: 'https://hooks.example/', enabled: 'yes' }, 'invalid_parameter', 'enabled'],
    ['apiVersion is malformed', { types: ['*'], address: 'https://hooks.example/', apiVersion: 'v2' }, 'invalid_parameter', 'apiVersion'],
  ])('answers 400 when %s', async (_case, body, code, parameter) => {
    const res = await postJson(sim, '/webhooks', body);
    expectUpstreamError(res, 400, code, parameter);
    expect(sim.store.webhooks.size).toBe(0);
  });
});

/**
 * One simulator for the describe block and a fresh receiver per test; webhooks
 * are deleted after each test and the simulator must end without background errors.
 */
function simulatorWithReceiver(options: SimulatorOptions): { readonly sim: Simulator; readonly receiver: WebhookReceiver } {
  let sim: Simulator | undefined;
  let receiver: WebhookReceiver | undefined;
  beforeAll(async () => {
    sim = await createSimulator(options);
  });
  beforeEach(async () => {
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await deleteAllWebhooks(sim as Simulator);
    await receiver?.stop();
  });
  afterAll(async () => {
    await sim?.stop();
    expect(sim?.backgroundErrors).toEqual([]);
  });
  return {
    get sim(): Simulator {
      if (sim === undefined) throw new Error('the simulator starts in beforeAll');
      return sim;
    },
    get receiver(): WebhookReceiver {
      if (receiver === undefined) throw new Error('the receiver starts in beforeEach');
      return receiver;
    },
  };
}

describe('Delivery', () => {
  const env = simulatorWithReceiver({ port: 0, orderCount: 30, fulfillerDelayMs: 600_000, settleDelayMs: 20, webhookSecrets: ['whsec_old', 'whsec_new'] });

  it('matches exact names, resource.* wildcards and *, and skips disabled webhooks', async () => {
    const exact = await register(env.sim, { types: ['fulfillment_cancellation.created'], address: `${env.receiver.url}/exact` });
    const charges = await register(env.sim, { types: ['order.*'], address: `${env.receiver.url}/order` });
    const fos = await register(env.sim, { types: ['fulfillment_order.*', 'fulfillment.created'], address: `${env.receiver.url}/fo` });
    const all = await register(env.sim, { types: ['*'], address: `${env.receiver.url}/all` });
    await register(env.sim, { types: ['*'], address: `${env.receiver.url}/off`, enabled: false });

    const id = await trigger(env.sim);
    env.sim.fulfiller.decideNow(id, 'accept');
    const expected = ACCEPTED_CANCELLATION_EVENTS;
    await env.receiver.waitFor((d) => d.filter((x) => x.path === '/hook/all').length === expected.length);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const byPath = (path: string): string[] => env.receiver.deliveries.filter((d) => d.path === `/hook/${path}`).map((d) => d.event.type).sort();
    expect(byPath('all')).toEqual([...expected].sort());
    expect(byPath('exact')).toEqual(['fulfillment_cancellation.created']);
    expect(byPath('order')).toEqual(['order.charge.cancel.complete', 'order.charge.cancel.pending']);
    expect(byPath('fo')).toEqual(['fulfillment.created', 'fulfillment_order.cancelled']);
    expect(byPath('off')).toEqual([]);

    const created = env.receiver.deliveries.find((d) => d.path === '/hook/exact');
    expect(created?.event.webhookIds).toEqual([exact.id, all.id]);
    expect(env.receiver.deliveries.find((d) => d.path === '/hook/order')?.event.webhookIds).toEqual([charges.id, all.id]);
    expect(env.receiver.deliveries.find((d) => d.path === '/hook/fo')?.event.webhookIds).toEqual([fos.id, all.id]);
    const stored = (await call(env.sim, `/events/${created?.event.id as string}`)).body as SimEvent;
    expect(created?.rawBody).toBe(JSON.stringify(stored));
    expect(created?.headers['content-type']).toBe('application/json');
  });

  it('signs with one v0 per active secret, and a rotation applies to the next delivery', async () => {
    await register(env.sim, { types: ['fulfillment_cancellation.created'], address: env.receiver.url });
    await trigger(env.sim);
    const [both] = await env.receiver.waitFor((d) => d.length === 1);
    const header = parseSignature(both?.headers['digitalriver-signature']);
    expect(header.v0).toHaveLength(2);
    expect(Math.abs(header.t - Date.now() / 1000)).toBeLessThan(5);
    expect(signersOf(both!, ['whsec_old', 'whsec_new', 'whsec_wrong'])).toEqual(['whsec_old', 'whsec_new']);

    env.sim.setWebhookSecrets(['whsec_new']);
    await trigger(env.sim);
    await env.receiver.waitFor((d) => d.length === 2);
    expect(parseSignature(env.receiver.deliveries[1]?.headers['digitalriver-signature']).v0).toHaveLength(1);
    expect(signersOf(env.receiver.deliveries[1]!, ['whsec_old', 'whsec_new'])).toEqual(['whsec_new']);

    const rotated = await call(env.sim, '/__sim/webhook-secrets', { method: 'POST', auth: false, body: JSON.stringify({ secrets: ['whsec_third'] }) });
    expect(rotated.status).toBe(204);
    await trigger(env.sim);
    await env.receiver.waitFor((d) => d.length === 3);
    expect(signersOf(env.receiver.deliveries[2]!, ['whsec_new', 'whsec_third'])).toEqual(['whsec_third']);

    expect((await call(env.sim, '/__sim/webhook-secrets', { method: 'POST', auth: false, body: JSON.stringify({ secrets: [] }) })).status).toBe(204);
    await trigger(env.sim);
    await env.receiver.waitFor((d) => d.length === 4);
    expect(env.receiver.deliveries[3]?.headers).not.toHaveProperty('digitalriver-signature');

    const invalid = await call(env.sim, '/__sim/webhook-secrets', { method: 'POST', auth: false, body: JSON.stringify({ secrets: ['ok', ''] }) });
    expect(invalid.status).toBe(400);
    expect(() => env.sim.setWebhookSecrets([''])).toThrow(TypeError);
    env.sim.setWebhookSecrets(['whsec_old', 'whsec_new']);
  });

  it('retries a 500 twice, then stops at the 204: three attempts, each with a fresh timestamp and signature', async () => {
    env.receiver.respondWith((_d, n) => ({ status: n < 2 ? 500 : 204 }));
    const webhook = await register(env.sim, { types: ['fulfillment_cancellation.created'], address: env.receiver.url });
    const id = await trigger(env.sim);
    await env.receiver.waitFor((d) => d.length === 3, 8000);
    await until(() => attemptsOf(env.sim, 'fulfillment_cancellation.created', id).length === 3);
    const stamps = env.receiver.deliveries.map((d) => parseSignature(d.headers['digitalriver-signature']).t);
    expect(new Set(stamps).size).toBe(3);
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
    for (const delivery of env.receiver.deliveries) expect(signersOf(delivery, ['whsec_old', 'whsec_new'])).toEqual(['whsec_old', 'whsec_new']);
    expect(new Set(env.receiver.deliveries.map((d) => d.rawBody)).size).toBe(1);
    const gaps = env.receiver.deliveries.slice(1).map((d, i) => d.receivedMs - (env.receiver.deliveries[i]?.receivedMs ?? 0));
    expect(gaps[0]).toBeGreaterThanOrEqual(1000);
    expect(gaps[1]).toBeGreaterThanOrEqual(2000);
    expect(attemptsOf(env.sim, 'fulfillment_cancellation.created', id).map((a) => [a.attempt, a.status, a.webhookId])).toEqual([
      [1, 500, webhook.id],
      [2, 500, webhook.id],
      [3, 204, webhook.id],
    ]);
    const overHttp = await call(env.sim, '/__sim/webhook-deliveries', { auth: false });
    expect(overHttp.body).toEqual(env.sim.webhookDeliveries);
    expect(env.sim.webhookDeliveries[0]).toEqual({
      eventId: expect.any(String),
      eventType: expect.any(String),
      webhookId: expect.any(String),
      attempt: expect.any(Number),
      status: expect.any(Number),
      at: expect.stringMatching(ISO_MILLIS),
      durationMs: expect.any(Number),
    });
    expect((await call(env.sim, '/__sim/webhook-deliveries', { method: 'DELETE', auth: false })).status).toBe(204);
    expect(env.sim.webhookDeliveries).toEqual([]);
    expect(env.sim.requestLog.entries().some((e) => e.path.startsWith('/__sim'))).toBe(false);
  }, 15_000);
});

describe('Retries and timeouts', () => {
  const env = simulatorWithReceiver({ port: 0, orderCount: 30, fulfillerDelayMs: 600_000, webhookRetryBaseMs: 40, webhookTimeoutMs: 150, webhookMaxAttempts: 3 });

  it('counts a redirect as a failure', async () => {
    env.receiver.respondWith((_d, n) => ({ status: n === 0 ? 302 : 200 }));
    await register(env.sim, { types: ['*'], address: env.receiver.url });
    const id = await trigger(env.sim);
    await until(() => attemptsOf(env.sim, 'fulfillment_cancellation.created', id).length === 2);
    expect(attemptsOf(env.sim, 'fulfillment_cancellation.created', id).map((a) => a.status)).toEqual([302, 200]);
  });

  it('retries after a receiver answers too late', async () => {
    env.receiver.respondWith((_d, n) => (n === 0 ? { status: 204, delayMs: 500 } : { status: 204 }));
    await register(env.sim, { types: ['*'], address: env.receiver.url });
    const id = await trigger(env.sim);
    await until(() => attemptsOf(env.sim, 'fulfillment_cancellation.created', id).length === 2);
    const [late, retry] = attemptsOf(env.sim, 'fulfillment_cancellation.created', id);
    expect(late).toMatchObject({ attempt: 1, status: 0 });
    expect(late?.durationMs).toBeGreaterThanOrEqual(140);
    expect(late?.durationMs).toBeLessThan(500);
    expect(retry).toMatchObject({ attempt: 2, status: 204 });
    expect(env.receiver.deliveries).toHaveLength(2);
  });

  it('records connection errors as status 0 and gives up after webhookMaxAttempts', async () => {
    await register(env.sim, { types: ['*'], address: 'http://127.0.0.1:9/unreachable' });
    const id = await trigger(env.sim);
    await until(() => attemptsOf(env.sim, 'fulfillment_cancellation.created', id).length === 3);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(attemptsOf(env.sim, 'fulfillment_cancellation.created', id).map((a) => [a.attempt, a.status])).toEqual([
      [1, 0],
      [2, 0],
      [3, 0],
    ]);
  });

  it('delivers other events while one waits for its retry', async () => {
    // A long backoff, so "the second event was acknowledged before the first was retried" holds however slow the machine is.
    const own = await createSimulator({ port: 0, orderCount: 30, fulfillerDelayMs: 600_000, webhookRetryBaseMs: 60_000 });
    try {
      let firstId = '';
      env.receiver.respondWith((d) => ({ status: d.event.data.object['id'] === firstId ? 503 : 204 }));
      await register(own, { types: ['*'], address: env.receiver.url });
      firstId = await trigger(own);
      await until(() => own.webhookDeliveries.length === 1);
      const secondId = await trigger(own);
      await until(() => own.webhookDeliveries.length === 2);
      const byObject = (id: string): number[] =>
        own.webhookDeliveries.filter((d) => (own.store.events.get(d.eventId)?.data.object as { id?: string }).id === id).map((d) => d.status);
      expect(byObject(firstId)).toEqual([503]);
      expect(byObject(secondId)).toEqual([204]);
    } finally {
      await own.stop();
    }
  });

  it('stops retries and in-flight deliveries on stop()', async () => {
    const own = await createSimulator({ port: 0, orderCount: 30, fulfillerDelayMs: 600_000, webhookRetryBaseMs: 60_000, webhookTimeoutMs: 60_000 });
    const slowReceiver = await startReceiver(() => ({ status: 204, delayMs: 2_000 }));
    try {
      await register(own, { types: ['*'], address: slowReceiver.url });
      await register(own, { types: ['*'], address: 'http://127.0.0.1:9/unreachable' });
      await trigger(own);
      await slowReceiver.waitFor((d) => d.length === 1);
      await until(() => own.webhookDeliveries.length === 1);
      const started = Date.now();
      await own.stop();
      expect(Date.now() - started).toBeLessThan(500);
      expect(own.webhookDeliveries.map((d) => d.status)).toEqual([0]);
      expect(own.backgroundErrors).toEqual([]);
    } finally {
      await own.stop();
      await slowReceiver.stop();
    }
  });
});
