// Benchmark child: the client side of the subscription benchmark — opens subscriptions, sends signed webhooks, times and counts the pushes.
import { childParams, serveCommands } from '../lib/child-endpoint';
import { numberField, stringField } from '../lib/ipc-protocol';
import { idOf } from '../shared/upstream-format';
import { MicrosClock, type WebhookEvent, webhookEvent } from './event-factory';
import { LAYOUT, ORDERS_NEEDED, ORDER_UPDATED } from './subscription-layout';
import { type SubscriptionBatch, type SubscriptionSpec, SubscriptionPool, checkDeliveries } from './subscription-pool';
import { type UpstreamObject, readAll } from './upstream-reader';
import { createWebhookPoster } from './webhook-poster';

async function main(): Promise<void> {
  const params = childParams();
  const gatewayUrl = stringField(params, 'gatewayUrl');
  const simulatorUrl = stringField(params, 'simulatorUrl');
  const apiKey = stringField(params, 'apiKey');
  const perSocket = numberField(params, 'perSocket');
  const pool = new SubscriptionPool(`${gatewayUrl.replace(/^http/, 'ws')}/graphql`, perSocket);
  const poster = createWebhookPoster(gatewayUrl, stringField(params, 'webhookSecret'), 8);
  const clock = new MicrosClock();
  // key → event ids it must receive exactly once; order id → keys subscribed to it.
  const expected = new Map<string, Set<string>>();
  const keysByOrder = new Map<string, string[]>();
  const batches: SubscriptionBatch[] = [];
  let fanout: { batch: SubscriptionBatch; orderId: string } | undefined;
  let background = 0;
  let fanoutRounds = 0;

  const orders = new Map<string, UpstreamObject>();
  for (const order of await readAll(simulatorUrl, apiKey, 'orders')) orders.set(idOf(order['id']), order);
  const orderIds = [...orders.keys()];
  if (orderIds.length < ORDERS_NEEDED) throw new Error(`the simulator has ${orderIds.length} orders; ${ORDERS_NEEDED} are needed`);
  const fanoutOrder = orderIds[0] as string;
  const probeOrders = orderIds.slice(1, 1 + LAYOUT.probes);
  const idleOrders = orderIds.slice(1 + LAYOUT.probes, 1 + LAYOUT.probes + LAYOUT.idleOrders);

  const spec = (key: string, orderId: string): SubscriptionSpec => {
    const keys = keysByOrder.get(orderId);
    if (keys === undefined) keysByOrder.set(orderId, [key]);
    else keys.push(key);
    return { key, query: ORDER_UPDATED, variables: { id: orderId }, field: 'orderUpdated' };
  };
  // An order event: every subscriber of that order must receive it exactly once.
  const orderEvent = (orderId: string): WebhookEvent => {
    const event = webhookEvent('order.accepted', orders.get(orderId) ?? {}, clock.next());
    for (const key of keysByOrder.get(orderId) ?? []) {
      const wanted = expected.get(key);
      if (wanted === undefined) expected.set(key, new Set([event.id]));
      else wanted.add(event.id);
    }
    return event;
  };
  const send = async (event: WebhookEvent): Promise<void> => {
    const status = await poster.post(event);
    if (status !== 202) throw new Error(`webhook ${event.id} answered ${status}, expected 202`);
  };
  // Resolves with the arrival time of `count` pushes of `eventId`; rejects after `timeoutMs`.
  const arrivals = (eventId: string, count: number, timeoutMs: number): Promise<number> => new Promise((resolve, reject) => {
    let seen = 0;
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`${seen} of ${count} pushes of ${eventId} arrived within ${timeoutMs} ms`));
    }, timeoutMs);
    const stop = pool.onPush((_key, pushed, at) => {
      if (pushed !== eventId) return;
      seen += 1;
      if (seen === count) {
        clearTimeout(timer);
        stop();
        resolve(at);
      }
    });
  });

  serveCommands({
    info: { orders: orderIds.length },
    commands: {
      /** Opens subscriptions until `total` are open: the probes first, then background ones spread over the idle orders. */
      open: async (raw) => {
        const total = numberField(raw, 'total');
        if (total < LAYOUT.probes) throw new Error(`open at least ${LAYOUT.probes} subscriptions (the probes), got ${total}`);
        const specs: SubscriptionSpec[] = [];
        if (batches.length === 0) probeOrders.forEach((orderId, index) => specs.push(spec(`probe:${index}`, orderId)));
        while (LAYOUT.probes + background < total) {
          specs.push(spec(`background:${background}`, idleOrders[background % idleOrders.length] as string));
          background += 1;
        }
        batches.push(await pool.open(specs));
        return { subscriptions: LAYOUT.probes + background, sockets: pool.sockets };
      },
      /** One event per probe order, one after another; answers each webhook-POST-to-push latency in ms. */
      probe: async () => {
        const samples: number[] = [];
        for (const orderId of probeOrders) {
          const event = orderEvent(orderId);
          const arrived = arrivals(event.id, 1, 5_000);
          const started = performance.now();
          await send(event);
          samples.push((await arrived) - started);
        }
        return samples;
      },
      /** Opens `subscribers` subscriptions to one order on sockets of their own. */
      openFanout: async (raw) => {
        const subscribers = numberField(raw, 'subscribers');
        fanoutRounds += 1;
        const specs = Array.from({ length: subscribers }, (_, index) => spec(`fanout${fanoutRounds}:${index}`, fanoutOrder));
        fanout = { batch: await pool.open(specs), orderId: fanoutOrder };
        return { sockets: fanout.batch.sockets };
      },
      /** One event to the fan-out order; answers the ms from POST to the last subscriber's push. */
      sendFanout: async () => {
        if (fanout === undefined) throw new Error('openFanout first');
        const event = orderEvent(fanout.orderId);
        const subscribers = keysByOrder.get(fanout.orderId)?.length ?? 0;
        const arrived = arrivals(event.id, subscribers, 30_000);
        const started = performance.now();
        await send(event);
        return (await arrived) - started;
      },
      closeFanout: async () => {
        if (fanout === undefined) throw new Error('openFanout first');
        await fanout.batch.close();
        // Closed subscribers keep their received counts for verify, but get no further events.
        keysByOrder.delete(fanout.orderId);
        fanout = undefined;
        return { sockets: pool.sockets };
      },
      verify: () => checkDeliveries(pool, expected),
    },
    stop: async () => {
      if (fanout !== undefined) await fanout.batch.close();
      for (const batch of batches) await batch.close();
      await poster.close();
    },
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`subscriber: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
