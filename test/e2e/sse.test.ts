// GraphQL over server-sent events (POST /graphql/stream): delivery with SSE ids, Last-Event-ID resume, keep-alive, the one admission, auth and scoping, shutdown.
import 'reflect-metadata';

import { Writable } from 'node:stream';

import { createClient } from 'graphql-sse';

import { loadConfig } from '../../src/config';
import { type RunningGateway, startGateway } from '../../src/gateway';
import { createLogger } from '../../src/logger';
import { type Simulator, createSimulator } from '../../src/simulator/create-simulator';
import { cancellationEvent, sendEvent } from '../helpers/sign-webhook';
import { simListAll } from '../helpers/simulator-http';
import { type RawSseEvent, nextPayloads, openSse } from '../helpers/sse-reader';
import { TEST_JWT_SECRET, adminToken, bearer, customerToken } from '../helpers/tokens';
import { eventually } from '../helpers/ws-client';

const SECRET = 'whsec_sse';
const KEEP_ALIVE_MS = 150;

const BY_ORDER = 'subscription($orderId: ID) { fulfillmentCancellationUpdated(orderId: $orderId) { eventId type fulfillmentCancellation { id state } } }';
const MINE = 'subscription { fulfillmentCancellationUpdated { eventId fulfillmentCancellation { id } } }';

interface RawOrder { id: string; customerId?: string }
interface RawCancellation { id: string; fulfillmentOrderId: string | number; upstreamId?: string | number; state: string; items: unknown[] }
interface Push { data?: { fulfillmentCancellationUpdated: { eventId: string } }; errors?: Array<{ message: string; extensions?: { code?: string } }> }

async function startOne(simulator: Simulator, env: Record<string, string> = {}): Promise<RunningGateway> {
  const config = loadConfig({
    PORT: '0', HOST: '127.0.0.1', DR_API_BASE_URL: simulator.url, DR_API_KEY: 'sk_test_simulator',
    DR_WEBHOOK_SECRET: SECRET, AUTH_JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'error', ...env,
  });
  const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
  return startGateway(config, { logger: createLogger(config.logLevel, quiet), sseKeepAliveMs: KEEP_ALIVE_MS });
}

describe('server-sent events', () => {
  let simulator: Simulator;
  let gateway: RunningGateway;
  let stream: string;
  let admin: Record<string, string>;
  let mine: RawCancellation & { orderId: string; customerId: string };
  let theirs: RawCancellation & { orderId: string; customerId: string };
  let clock = Date.now() - 3_600_000;
  const opened: Array<{ close(): void }> = [];

  beforeAll(async () => {
    simulator = await createSimulator({ port: 0 });
    gateway = await startOne(simulator);
    stream = `${gateway.url}/graphql/stream`;
    admin = bearer(await adminToken());
    const orders = await simListAll<RawOrder>(simulator, '/orders');
    const ownerOf = (orderId: string): string | undefined => orders.find((order) => order.id === orderId)?.customerId;
    const cancellations = (await simListAll<RawCancellation>(simulator, '/fulfillment-cancellations'))
      .filter((c) => c.upstreamId !== undefined && ownerOf(String(c.upstreamId)) !== undefined)
      .map((c) => ({ ...c, orderId: String(c.upstreamId), customerId: ownerOf(String(c.upstreamId))! }));
    mine = cancellations[0]!;
    theirs = cancellations.find((c) => c.customerId !== mine.customerId)!;
  });

  afterEach(async () => {
    for (const one of opened.splice(0)) one.close();
    await eventually(() => gateway.openSubscriptions() === 0, 5_000, 'no streams left');
  });

  afterAll(async () => {
    await gateway?.stop();
    await simulator?.stop();
  });

  const send = async (raw: RawCancellation): Promise<string> => {
    clock += 1_000;
    const event = cancellationEvent({ ...raw, state: 'pending' }, 'fulfillment_cancellation.created', { createdTime: new Date(clock) });
    expect(await sendEvent(gateway.url, event, [SECRET])).toBe(202);
    return event.id as string;
  };
  const nextIds = (events: readonly RawSseEvent[]): Array<string | undefined> => events.filter((event) => event.event === 'next').map((event) => event.id);
  const track = <T extends { close(): void }>(value: T): T => {
    opened.push(value);
    return value;
  };

  describe('Delivery', () => {
    it('pushes through graphql-sse\'s own client once the stream is acknowledged', async () => {
      const client = createClient({ url: stream, headers: admin, retryAttempts: 0 });
      track({ close: () => client.dispose() });
      const received: Push[] = [];
      let acknowledged = false;
      const done = new Promise<void>((resolve, reject) => {
        client.subscribe<Push['data']>({ query: BY_ORDER, variables: { orderId: mine.orderId } }, {
          next: (value) => received.push(value as Push),
          error: reject,
          complete: resolve,
        }, { connected: () => { acknowledged = true; } });
      });
      void done.catch(() => undefined);
      await eventually(() => acknowledged, 5_000, 'the stream to open');
      // The 200 came after the listener was registered: nothing sent from now on can be missed.
      const eventId = await send(mine);
      await eventually(() => received.length === 1, 5_000, 'one push');
      expect(received[0]!.data!.fulfillmentCancellationUpdated).toMatchObject({ eventId });
    });

    it('labels every next event with its push\'s eventId as the SSE id, and sends keep-alive comments while idle', async () => {
      const sse = track(await openSse(stream, { query: BY_ORDER, variables: { orderId: mine.orderId } }, admin));
      expect(sse.status).toBe(200);
      expect(sse.headers.get('content-type')).toMatch(/^text\/event-stream/);
      await sse.until((events) => events.filter((event) => event.comment).length >= 2, KEEP_ALIVE_MS * 10);
      const first = await send(mine);
      const second = await send(mine);
      await sse.until((events) => nextIds(events).length === 2);
      expect(nextIds(sse.events)).toEqual([first, second]);
      expect(nextPayloads<Push>(sse.events).map((push) => push.data?.fulfillmentCancellationUpdated.eventId)).toEqual([first, second]);
    });

    it('answers a query as one next event with data and extensions.cost, then complete', async () => {
      const sse = track(await openSse(stream, { query: 'query($id: ID!) { order(id: $id) { id } }', variables: { id: mine.orderId } }, admin));
      await sse.ended;
      expect(sse.events.map((event) => event.event)).toEqual(['next', 'complete']);
      const [result] = nextPayloads<{ data: { order: { id: string } }; extensions: { cost: { upstreamCalls: number } } }>(sse.events);
      expect(result!.data.order.id).toBe(mine.orderId);
      expect(result!.extensions.cost.upstreamCalls).toBe(1);
    });
  });

  describe('Resume', () => {
    it('resumes with Last-Event-ID exactly like afterEventId: the missed pushes in order, then live, none twice', async () => {
      const seen = await send(mine);
      const missed = [await send(mine), await send(theirs), await send(mine)].filter((_, index) => index !== 1);
      const sse = track(await openSse(stream, { query: BY_ORDER, variables: { orderId: mine.orderId } }, { ...admin, 'last-event-id': seen }));
      await sse.until((events) => nextIds(events).length === 2);
      const live = await send(mine);
      await sse.until((events) => nextIds(events).length === 3);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(nextIds(sse.events)).toEqual([...missed, live]);
    });

    it('ends a stream whose Last-Event-ID is unknown with EVENT_CURSOR_EXPIRED, then complete, before any push', async () => {
      const sse = track(await openSse(stream, { query: BY_ORDER, variables: { orderId: mine.orderId } }, { ...admin, 'last-event-id': 'never-seen-event' }));
      await sse.ended;
      expect(sse.events.map((event) => event.event)).toEqual(['next', 'complete']);
      expect(nextPayloads<Push>(sse.events)[0]!.errors!.map((error) => error.extensions?.code)).toEqual(['EVENT_CURSOR_EXPIRED']);
    });
  });

  describe('Admission, auth and scoping', () => {
    // Depth 13, over QUERY_MAX_DEPTH's 10.
    const deep = `subscription { fulfillmentCancellationUpdated { fulfillmentCancellation { order { fulfillmentOrders { cancellations {
      order { fulfillmentOrders { cancellations { order { fulfillmentOrders { cancellations { order { id } } } } } } } } } } } } }`;

    it('refuses a subscription over the depth limit with QUERY_TOO_COMPLEX as a 4xx JSON answer before any stream, with no upstream call', async () => {
      simulator.requestLog.clear();
      const sse = track(await openSse(stream, { query: deep }, admin));
      expect(sse.status).toBe(400);
      expect(sse.headers.get('content-type')).toMatch(/^application\/json/);
      expect((sse.json as Push).errors!.map((error) => error.extensions?.code)).toEqual(['QUERY_TOO_COMPLEX']);
      expect(simulator.requestLog.entries()).toEqual([]);
      expect(gateway.openSubscriptions()).toBe(0);
    });

    it('gives graphql-sse\'s client the refusal as a network error carrying the 400', async () => {
      const client = createClient({ url: stream, headers: admin, retryAttempts: 0 });
      const failure = await new Promise<unknown>((resolve) => {
        client.subscribe({ query: deep }, { next: () => undefined, error: resolve, complete: () => resolve(undefined) });
      });
      client.dispose();
      expect((failure as { response?: { status: number } }).response?.status).toBe(400);
    });

    it.each([
      ['no token', {}, 401, 'UNAUTHENTICATED'],
      ['a malformed token', { authorization: 'Bearer not-a-jwt' }, 401, 'UNAUTHENTICATED'],
    ])('refuses %s with a 401 JSON answer', async (_name, headers, status, code) => {
      const sse = track(await openSse(stream, { query: MINE }, headers));
      expect(sse.status).toBe(status);
      expect((sse.json as Push).errors!.map((error) => error.extensions?.code)).toEqual([code]);
    });

    it.each([
      ['without Accept: text/event-stream', { accept: 'application/json' }, { query: MINE }, 406],
      ['a body that is not JSON', {}, '{"query":', 400],
      ['a body without query', {}, { variables: {} }, 400],
    ])('answers a request %s with a 4xx JSON BAD_USER_INPUT', async (_name, headers, body, status) => {
      const response = await fetch(stream, {
        method: 'POST',
        headers: { accept: 'text/event-stream', 'content-type': 'application/json', ...admin, ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      expect(response.status).toBe(status);
      expect(((await response.json()) as Push).errors!.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    });

    it('gives a customer\'s stream only that customer\'s events, and their Last-Event-ID of another customer reads as expired', async () => {
      const token = bearer(await customerToken(mine.customerId));
      const sse = track(await openSse(stream, { query: MINE }, token));
      const foreign = await send(theirs);
      const own = await send(mine);
      await sse.until((events) => nextIds(events).length === 1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(nextIds(sse.events)).toEqual([own]);
      const resumed = track(await openSse(stream, { query: MINE }, { ...token, 'last-event-id': foreign }));
      await resumed.ended;
      expect(nextPayloads<Push>(resumed.events)).toEqual([{ errors: [expect.objectContaining({ extensions: { code: 'EVENT_CURSOR_EXPIRED' } })] }]);
    });
  });

  describe('Shutdown', () => {
    it('ends open streams with complete when the gateway stops, and stop does not wait for them', async () => {
      const other = await startOne(simulator);
      const sse = track(await openSse(`${other.url}/graphql/stream`, { query: BY_ORDER, variables: { orderId: mine.orderId } }, admin));
      await eventually(() => other.openSubscriptions() === 1, 5_000, 'the stream');
      const started = Date.now();
      await other.stop();
      await sse.ended;
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(sse.events.filter((event) => !event.comment).map((event) => event.event)).toEqual(['complete']);
      expect(other.openSubscriptions()).toBe(0);
    });
  });
});
