// Benchmark 8: live updates over real networks — replaying missed events on resume (one subscriber, many at once) and webhook→push over SSE beside the WebSocket.
import { randomUUID } from 'node:crypto';

import { type Client, createClient } from 'graphql-ws';
import { Agent, request } from 'undici';
import WebSocket from 'ws';

import { createSimulator } from '../../../src/simulator/create-simulator';
import { type GatewayProcess, startGatewayProcess } from '../../helpers/gateway-process';
import { signatureHeader } from '../../helpers/sign-webhook';
import { num, table } from '../lib/markdown';
import { type LatencySummary, summarise } from '../lib/stats';
import { requirePositive } from '../lib/validate';

/** Sizes of one run. */
export interface ResumeSseSizes {
  /** Events one subscriber missed and gets replayed. */
  missedByOne: number;
  /** Subscribers resuming at once, each having missed `missedEach`. */
  resumingAtOnce: number;
  missedEach: number;
  /** Sequential webhooks timed to a WebSocket and an SSE subscriber. */
  latencyEvents: number;
}

/** What the section measured. */
export interface ResumeSseResult {
  sizes: ResumeSseSizes;
  /** Subscribe (with afterEventId) to the last replayed push, one subscriber. */
  replayOneMs: number;
  /** Subscribe of the first to the last push of the last, all subscribers together. */
  replayManyMs: number;
  pushesMany: number;
  websocket: LatencySummary;
  sse: LatencySummary;
}

const SUBSCRIPTION = 'subscription($after: ID) { fulfillmentCancellationUpdated(afterEventId: $after) { eventId } }';
const PER_SOCKET = 10;

/** Runs the section against one gateway process (memory replay log) and the simulator. */
export async function measureResumeSse(sizes: ResumeSseSizes): Promise<ResumeSseResult> {
  const secret = `whsec_${randomUUID()}`;
  const simulator = await createSimulator({ port: 0, fulfillerDelayMs: 3_600_000 });
  const gateway: GatewayProcess = await startGatewayProcess({
    DR_API_BASE_URL: simulator.url, DR_API_KEY: 'sk_test_simulator', DR_WEBHOOK_SECRET: secret,
    UPSTREAM_RATE_LIMIT: '0', WS_MAX_CONNECTIONS_PER_CALLER: '100000', CALLER_COST_ADMINS: 'off', LOG_LEVEL: 'info',
  });
  const agent = new Agent({ connections: 8, pipelining: 1 });
  const clients: Client[] = [];
  const cancellation = [...simulator.store.cancellations.sorted()].find((item) => item.upstreamId !== undefined);
  if (cancellation === undefined) throw new Error('no cancellation with an order id in the demo data');
  let clock = Date.now() - 86_400_000;
  let sequence = 0;
  const connect = (): Client => {
    const client = createClient({ url: `${gateway.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
    clients.push(client);
    return client;
  };
  /** Posts one event about its own cancellation (no ordering drops) and returns its id once answered 202. */
  const post = async (): Promise<string> => {
    const eventId = randomUUID();
    clock += 1;
    sequence += 1;
    const body = JSON.stringify({
      id: eventId, type: 'fulfillment_cancellation.accepted', liveMode: false, createdTime: new Date(clock).toISOString(),
      data: { object: { ...cancellation, id: `ret_resume_${sequence}`, state: 'accepted' } },
    });
    const response = await request(`${gateway.url}/webhooks/digitalriver`, {
      method: 'POST', body, dispatcher: agent, headers: { 'content-type': 'application/json', 'digitalriver-signature': signatureHeader(body, [secret]) },
    });
    await response.body.dump();
    if (response.statusCode !== 202) throw new Error(`webhook answered ${response.statusCode}`);
    return eventId;
  };
  /** A live subscriber that sees every event: waiting on it means the event was processed and recorded. */
  const witnessed = new Map<string, () => void>();
  const seen = new Set<string>();
  const subscribe = (client: Client, after: string | undefined, onPush: (eventId: string) => void): void => {
    client.subscribe<{ fulfillmentCancellationUpdated: { eventId: string } }>({ query: SUBSCRIPTION, variables: after === undefined ? {} : { after } }, {
      next: (result) => {
        const eventId = result.data?.fulfillmentCancellationUpdated.eventId;
        if (eventId === undefined) throw new Error(`push without data: ${JSON.stringify(result)}`);
        onPush(eventId);
      },
      error: (error) => { throw new Error(`subscription failed: ${JSON.stringify(error)}`); },
      complete: () => undefined,
    });
  };
  const postWitnessed = async (): Promise<string> => {
    const eventId = await post();
    if (!seen.has(eventId)) await new Promise<void>((resolve) => witnessed.set(eventId, resolve));
    return eventId;
  };
  try {
    subscribe(connect(), undefined, (eventId) => {
      seen.add(eventId);
      witnessed.get(eventId)?.();
    });
    await new Promise((resolve) => setTimeout(resolve, 300));

    // One subscriber misses `missedByOne` events, then resumes after the last it saw.
    const cursor = await postWitnessed();
    const missed: string[] = [];
    for (let index = 0; index < sizes.missedByOne; index += 1) missed.push(await postWitnessed());
    const replayOneMs = await new Promise<number>((resolve, reject) => {
      const got: string[] = [];
      const started = performance.now();
      subscribe(connect(), cursor, (eventId) => {
        got.push(eventId);
        if (got.length === missed.length) {
          if (got.some((id, index) => id !== missed[index])) reject(new Error('the replay did not give the missed events in order'));
          else resolve(performance.now() - started);
        }
      });
    });

    // `resumingAtOnce` subscribers, each missed the last `missedEach` events, resume together.
    const many = await (async () => {
      const manyCursor = await postWitnessed();
      const manyMissed: string[] = [];
      for (let index = 0; index < sizes.missedEach; index += 1) manyMissed.push(await postWitnessed());
      const sockets = Array.from({ length: Math.ceil(sizes.resumingAtOnce / PER_SOCKET) }, () => connect());
      const expected = sizes.resumingAtOnce * sizes.missedEach;
      let pushes = 0;
      const started = performance.now();
      const ms = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${pushes} of ${expected} replayed pushes within 60 s`)), 60_000);
        for (let index = 0; index < sizes.resumingAtOnce; index += 1) {
          const got: string[] = [];
          subscribe(sockets[Math.floor(index / PER_SOCKET)] as Client, manyCursor, (eventId) => {
            got.push(eventId);
            if (eventId !== manyMissed[got.length - 1]) reject(new Error('a resumed subscriber got an event out of order or twice'));
            pushes += 1;
            if (pushes === expected) {
              clearTimeout(timer);
              resolve(performance.now() - started);
            }
          });
        }
      });
      // They subscribe to every event: gone before the latency part, which would otherwise time a 1,000-way fan-out.
      await Promise.all(sockets.map((socket) => socket.dispose()));
      return { ms, pushes };
    })();

    // Webhook→push over the WebSocket and over SSE, side by side.
    const wsArrivals = new Map<string, number>();
    subscribe(connect(), undefined, (eventId) => wsArrivals.set(eventId, performance.now()));
    const sseArrivals = new Map<string, number>();
    const stream = await request(`${gateway.url}/graphql/stream`, {
      method: 'POST', dispatcher: new Agent({ connections: 1 }),
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: SUBSCRIPTION }),
    });
    if (stream.statusCode !== 200) throw new Error(`SSE answered ${stream.statusCode}`);
    const reading = (async () => {
      let buffer = '';
      for await (const chunk of stream.body) {
        buffer += (chunk as Buffer).toString('utf8');
        let end = buffer.indexOf('\n\n');
        while (end !== -1) {
          const id = /^id: (.+)$/m.exec(buffer.slice(0, end))?.[1];
          if (id !== undefined) sseArrivals.set(id, performance.now());
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
        }
      }
    })().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ws: number[] = [];
    const sse: number[] = [];
    for (let index = 0; index < sizes.latencyEvents; index += 1) {
      const started = performance.now();
      const eventId = await post();
      const deadline = Date.now() + 5_000;
      while ((!wsArrivals.has(eventId) || !sseArrivals.has(eventId)) && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
      const wsAt = wsArrivals.get(eventId);
      const sseAt = sseArrivals.get(eventId);
      if (wsAt === undefined || sseAt === undefined) throw new Error(`event ${index} not pushed to both within 5 s`);
      ws.push(wsAt - started);
      sse.push(sseAt - started);
    }
    stream.body.destroy();
    await reading;
    return {
      sizes,
      replayOneMs: requirePositive(replayOneMs, 'replay to one subscriber'),
      replayManyMs: requirePositive(many.ms, 'replay to many subscribers'),
      pushesMany: many.pushes,
      websocket: summarise(ws, 'webhook→push over the WebSocket'),
      sse: summarise(sse, 'webhook→push over SSE'),
    };
  } finally {
    await Promise.all(clients.map((client) => client.dispose()));
    await gateway.stop();
    await simulator.stop();
    await agent.close();
  }
}

/** The report section. */
export function renderResumeSse(result: ResumeSseResult): string {
  const { sizes } = result;
  return [
    'One gateway process (`node dist/src/main.js`, replay log in memory) against the simulator; every client in the benchmark process. '
      + `Resume: a subscriber that missed ${num(sizes.missedByOne)} events subscribes with \`afterEventId\` (the last event it saw), timed from subscribe to the last replayed push; `
      + `then ${num(sizes.resumingAtOnce)} subscribers (${PER_SOCKET} per WebSocket) that each missed ${num(sizes.missedEach)} events resume at once, timed from the first subscribe to the last push; `
      + 'every replayed push is checked in order and once. Each event is about its own cancellation, selection `{ eventId }`. '
      + `SSE: ${num(sizes.latencyEvents)} signed webhooks one after another, timed from POST to the push on a graphql-ws subscriber and on a \`POST /graphql/stream\` subscriber (its \`id:\` line).`,
    '',
    table(
      [`replay ${num(sizes.missedByOne)} missed → 1 subscriber`, `${num(sizes.resumingAtOnce)} subscribers × ${num(sizes.missedEach)} missed`, 'WebSocket push p50', 'p99', 'SSE push p50', 'p99'],
      [[
        `${num(result.replayOneMs, 1)} ms`,
        `${num(result.replayManyMs, 1)} ms (${num(result.pushesMany)} pushes)`,
        `${num(result.websocket.p50, 1)} ms`,
        `${num(result.websocket.p99, 1)} ms`,
        `${num(result.sse.p50, 1)} ms`,
        `${num(result.sse.p99, 1)} ms`,
      ]],
    ),
  ].join('\n');
}
