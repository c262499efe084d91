// Resuming on Redis: one order of positions for every instance, idempotent recording, expiry; a subscriber that drops from one instance resumes on the other.
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';

import type { Client } from 'graphql-ws';

import { createLogger } from '../../src/logger';
import { createRedisPubSub } from '../../src/pubsub/redis-pubsub';
import { createRedisReplayLog } from '../../src/pubsub/redis-replay-log';
import { comparePositions } from '../../src/pubsub/replay-log';
import type { GatewayEventMessage, UnpositionedMessage } from '../../src/pubsub/topics';
import { type RedisConnections, connectRedis } from '../../src/redis/redis-connection';
import { createSimulator, type Simulator } from '../../src/simulator/create-simulator';
import { type GatewayProcess, ensureBuilt, startGatewayProcess } from '../helpers/gateway-process';
import { deleteKeys, describeWithRedis, uniquePrefix } from '../helpers/redis';
import { cancellationEvent, sendEvent } from '../helpers/sign-webhook';
import { simListAll } from '../helpers/simulator-http';
import { probe } from '../helpers/subscription-probe';
import { eventually, openClient } from '../helpers/ws-client';

const SECRET = 'whsec_resume_redis';
const BY_ORDER = `subscription($orderId: ID, $after: ID) {
  fulfillmentCancellationUpdated(orderId: $orderId, afterEventId: $after) { eventId fulfillmentCancellation { id state } }
}`;
const WITH_GRAPH = `subscription($orderId: ID, $after: ID) {
  fulfillmentCancellationUpdated(orderId: $orderId, afterEventId: $after) { eventId fulfillmentCancellation { id fulfillmentOrder { id } } }
}`;

interface Push { fulfillmentCancellationUpdated: { eventId: string } }
interface RawCancellation { id: string; fulfillmentOrderId: string | number; upstreamId?: string | number; state: string; items: unknown[] }

const quiet = createLogger('error', new Writable({ write: (_chunk, _encoding, done) => done() }));

function message(eventId: string): UnpositionedMessage {
  return { eventId, type: 'order.accepted', occurredAt: '2025-01-01T00:00:00.000Z', orderId: '1', customerId: 'c1', cancellation: null, fulfillmentOrderId: null, order: { id: '1', items: [] } };
}

describeWithRedis('the Redis replay log', (redisUrl) => {
  const prefix = uniquePrefix('replay-log');
  let one: RedisConnections;
  let two: RedisConnections;

  beforeAll(async () => {
    [one, two] = await Promise.all([connectRedis(redisUrl, prefix, quiet), connectRedis(redisUrl, prefix, quiet)]);
  });

  afterAll(async () => {
    await Promise.all([one?.close(), two?.close()]);
    await deleteKeys(redisUrl, prefix);
  });

  it('gives every instance the same positions, in the order each instance\'s listeners receive the messages', async () => {
    const pubsubs = [await createRedisPubSub(one, quiet), await createRedisPubSub(two, quiet)];
    const logs = [createRedisReplayLog(one, { retentionSeconds: 3600 }), createRedisReplayLog(two, { retentionSeconds: 3600 })];
    const received: GatewayEventMessage[][] = [[], []];
    pubsubs.forEach((pubsub, index) => pubsub.subscribe('order:1', (m) => received[index]!.push(m)));
    const ids = Array.from({ length: 40 }, (_, index) => `order-${index}-${randomUUID()}`);
    // Both instances publish at once, interleaved.
    await Promise.all(ids.map((id, index) => logs[index % 2]!.publish(['order:1'], message(id))));
    await eventually(() => received.every((list) => list.length === 40), 5_000, 'both instances to receive all');
    expect(received[1]!.map((m) => `${m.eventId}@${m.position}`)).toEqual(received[0]!.map((m) => `${m.eventId}@${m.position}`));
    const positions = received[0]!.map((m) => m.position);
    expect([...positions].sort(comparePositions)).toEqual(positions);
    // The log reads back the same sequence, from either instance.
    const first = await logs[1]!.find(received[0]![0]!.eventId);
    const replayed = await logs[1]!.readAfter(first!.message.position, 100);
    expect(replayed.map((entry) => entry.message.eventId)).toEqual(received[0]!.slice(1).map((m) => m.eventId));
    expect(replayed[0]!.message).toEqual(received[0]![1]);
    expect(replayed[0]!.topics).toEqual(['order:1']);
    await Promise.all(pubsubs.map((pubsub) => pubsub.close()));
  });

  it('records and publishes an event id once, whichever instance tries again', async () => {
    const pubsub = await createRedisPubSub(one, quiet);
    const got: string[] = [];
    pubsub.subscribe('order:1', (m) => got.push(m.eventId));
    const id = `once-${randomUUID()}`;
    const a = await createRedisReplayLog(one, { retentionSeconds: 3600 }).publish(['order:1'], message(id));
    const b = await createRedisReplayLog(two, { retentionSeconds: 3600 }).publish(['order:1'], message(id));
    expect(a.published).toBe(true);
    expect(b).toEqual({ position: a.position, published: false });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(got).toEqual([id]);
    await pubsub.close();
  });

  it('forgets an event id after the retention, so its cursor reads as expired', async () => {
    const log = createRedisReplayLog(one, { retentionSeconds: 1 });
    const id = `short-${randomUUID()}`;
    await log.publish(['order:1'], message(id));
    expect(await log.find(id)).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(await log.find(id)).toBeUndefined();
    const ttl = await one.command.pttl(`${prefix}replay-position:${id}`);
    expect(ttl).toBe(-2);
  });
});

describeWithRedis('resuming across two instances', (redisUrl) => {
  jest.setTimeout(60_000);
  const prefix = uniquePrefix('resume');
  let simulator: Simulator;
  let a: GatewayProcess;
  let b: GatewayProcess;
  let target: RawCancellation & { orderId: string };
  let other: RawCancellation;
  const clients: Client[] = [];
  let clock = Date.now() - 3_600_000;
  let witnessClient: Client;
  let witness: ReturnType<typeof probe<Push>>;

  beforeAll(async () => {
    ensureBuilt();
    simulator = await createSimulator({ port: 0, fulfillerDelayMs: 60_000 });
    const env = {
      DR_API_BASE_URL: simulator.url, DR_API_KEY: 'sk_test_simulator', DR_WEBHOOK_SECRET: SECRET,
      REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix, EVENT_CLAIM_IDLE_MS: '1000',
    };
    [a, b] = await Promise.all([startGatewayProcess(env), startGatewayProcess(env)]);
    const cancellations = (await simListAll<RawCancellation>(simulator, '/fulfillment-cancellations')).filter((c) => c.upstreamId !== undefined);
    target = { ...cancellations[0]!, orderId: String(cancellations[0]!.upstreamId) };
    other = cancellations.find((c) => String(c.upstreamId) !== target.orderId)!;
    // Sees every cancellation event live; `send` waits for it, so events are pushed in the order they are sent
    // (two instances process the stream side by side and would otherwise publish in either order).
    witnessClient = openClient(a.url);
    witness = probe<Push>(witnessClient, BY_ORDER, {});
    await new Promise((resolve) => setTimeout(resolve, 400));
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
  });

  afterAll(async () => {
    await witnessClient?.dispose();
    await Promise.all([a?.stop(), b?.stop()]);
    await simulator?.stop();
    await deleteKeys(redisUrl, prefix);
  });

  const send = async (instance: GatewayProcess, raw: RawCancellation): Promise<string> => {
    clock += 1_000;
    const event = cancellationEvent({ ...raw, state: 'pending' }, 'fulfillment_cancellation.created', { createdTime: new Date(clock) });
    expect(await sendEvent(instance.url, event, [SECRET])).toBe(202);
    await eventually(() => witness.pushes.some((push) => push.fulfillmentCancellationUpdated.eventId === event.id), 5_000, `event ${String(event.id)} pushed`);
    return event.id as string;
  };
  const connect = (instance: GatewayProcess): Client => {
    const client = openClient(instance.url);
    clients.push(client);
    return client;
  };
  const ids = (pushes: Push[]): string[] => pushes.map((push) => push.fulfillmentCancellationUpdated.eventId);
  const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 400));

  it('gives a subscriber that dropped from one instance and resumed on the other exactly the missed events in order, then live ones, none twice', async () => {
    const first = probe<Push>(connect(a), BY_ORDER, { orderId: target.orderId });
    await settle();
    const seen = await send(a, target);
    await first.waitFor(1);
    await clients.shift()!.dispose();

    const missed: string[] = [];
    for (let index = 0; index < 6; index += 1) {
      // Posted to either instance: every instance records into the one stream.
      missed.push(await send(index % 2 === 0 ? a : b, target));
      await send(b, other);
    }
    const resumed = probe<Push>(connect(b), BY_ORDER, { orderId: target.orderId, after: seen });
    await resumed.waitFor(6, 10_000);
    expect(ids(resumed.pushes)).toEqual(missed);
    const live = [await send(a, target), await send(b, target)];
    await resumed.waitFor(8, 10_000);
    await settle();
    expect(ids(resumed.pushes)).toEqual([...missed, ...live]);
  });

  it('delivers events posted to both instances during a slow replay after the replayed ones, each once', async () => {
    const seen = await send(a, target);
    const missed = [await send(a, target), await send(b, target), await send(a, target)];
    simulator.faults.add({ method: 'GET', pathPrefix: '/fulfillment-orders', delayMs: 200, times: 3 });
    const resumed = probe<Push>(connect(b), WITH_GRAPH, { orderId: target.orderId, after: seen });
    await settle();
    const during = [await send(a, target), await send(b, target), await send(a, target)];
    await resumed.waitFor(6, 15_000);
    await settle();
    expect(ids(resumed.pushes)).toEqual([...missed, ...during]);
  });

  it('fails with EVENT_CURSOR_EXPIRED for an id no instance has seen', async () => {
    const resumed = probe<Push>(connect(a), BY_ORDER, { orderId: target.orderId, after: randomUUID() });
    const errors = await resumed.failure();
    expect(errors.map((error) => error.extensions?.code)).toEqual(['EVENT_CURSOR_EXPIRED']);
  });
});

