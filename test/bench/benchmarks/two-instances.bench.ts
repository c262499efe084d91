// Benchmark 6: two gateway processes on one Redis — cross-instance webhook-to-push latency, signed-event intake with Redis, Redis commands per event.
import { randomUUID } from 'node:crypto';

import { createClient } from 'graphql-ws';
import Redis from 'ioredis';
import { Agent, request } from 'undici';
import WebSocket from 'ws';

import { createSimulator } from '../../../src/simulator/create-simulator';
import { type GatewayProcess, startGatewayProcess } from '../../helpers/gateway-process';
import { signatureHeader } from '../../helpers/sign-webhook';
import { num, table } from '../lib/markdown';
import { type LatencySummary, summarise } from '../lib/stats';
import { requirePositive } from '../lib/validate';

/** What the two-instance benchmark measured. */
export interface TwoInstanceResult {
  crossInstance: LatencySummary;
  intake: { events: number; seconds: number; perSecond: number; pushed: number };
  redisCommandsPerEvent: number;
}

/** Sums INFO commandstats calls. */
async function redisCalls(redis: Redis): Promise<number> {
  const info = await redis.info('commandstats');
  return [...info.matchAll(/calls=(\d+)/g)].reduce((sum, match) => sum + Number(match[1]), 0);
}

/**
 * Runs the benchmark: `latencyEvents` sequential events posted to instance A
 * and timed to a subscriber on instance B, then `intakeEvents` posted with
 * `concurrency` in flight across both instances, every one verified pushed once.
 */
export async function measureTwoInstances(redisUrl: string, latencyEvents: number, intakeEvents: number, concurrency = 32): Promise<TwoInstanceResult> {
  const secret = `whsec_${randomUUID()}`;
  const prefix = `bench:${process.pid}:${Date.now()}:`;
  const simulator = await createSimulator({ port: 0 });
  const env = {
    DR_API_BASE_URL: simulator.url, DR_API_KEY: 'sk_test_simulator', DR_WEBHOOK_SECRET: secret, REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: prefix, UPSTREAM_RATE_LIMIT: '0', LOG_LEVEL: 'info',
  };
  const instances: GatewayProcess[] = await Promise.all([startGatewayProcess(env), startGatewayProcess(env)]);
  const [a, b] = instances as [GatewayProcess, GatewayProcess];
  const redis = new Redis(redisUrl);
  const agent = new Agent({ connections: concurrency, pipelining: 1 });
  const client = createClient({ url: `${b.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
  try {
    const cancellation = [...simulator.store.cancellations.sorted()].find((item) => item.upstreamId !== undefined);
    if (cancellation === undefined) throw new Error('no cancellation with an order id in the demo data');
    const arrivals = new Map<string, number>();
    const waiters = new Map<string, (at: number) => void>();
    client.subscribe<{ fulfillmentCancellationUpdated: { eventId: string } }>({
      // No argument: every cancellation event, so the intake can use one object per event (no ordering drops).
      query: 'subscription { fulfillmentCancellationUpdated { eventId } }',
    }, {
      next: (result) => {
        const eventId = result.data?.fulfillmentCancellationUpdated.eventId;
        if (eventId === undefined) return;
        if (arrivals.has(eventId)) throw new Error(`event ${eventId} was pushed twice`);
        const at = performance.now();
        arrivals.set(eventId, at);
        waiters.get(eventId)?.(at);
      },
      error: (error) => { throw new Error(`subscription failed: ${JSON.stringify(error)}`); },
      complete: () => undefined,
    });
    await new Promise((resolve) => setTimeout(resolve, 500));

    let clock = Date.now();
    const post = async (target: GatewayProcess, index: number): Promise<{ eventId: string; status: number }> => {
      const eventId = randomUUID();
      clock += 1;
      const body = JSON.stringify({
        id: eventId, type: 'fulfillment_cancellation.accepted', liveMode: false, createdTime: new Date(clock).toISOString(),
        data: { object: { ...cancellation, id: `ret_bench_${index}`, state: 'accepted' } },
      });
      const response = await request(`${target.url}/webhooks/digitalriver`, {
        method: 'POST', body, dispatcher: agent,
        headers: { 'content-type': 'application/json', 'digitalriver-signature': signatureHeader(body, [secret]) },
      });
      await response.body.dump();
      return { eventId, status: response.statusCode };
    };

    // Cross-instance latency: posted to A, pushed by B.
    const samples: number[] = [];
    for (let index = 0; index < latencyEvents; index += 1) {
      const started = performance.now();
      const eventId = randomUUID();
      const pushed = new Promise<number>((resolve, reject) => {
        waiters.set(eventId, resolve);
        setTimeout(() => reject(new Error(`cross-instance event ${index} not pushed within 5 s`)), 5000).unref();
      });
      clock += 1;
      const body = JSON.stringify({ id: eventId, type: 'fulfillment_cancellation.accepted', liveMode: false, createdTime: new Date(clock).toISOString(), data: { object: { ...cancellation, state: 'accepted' } } });
      const response = await request(`${a.url}/webhooks/digitalriver`, { method: 'POST', body, dispatcher: agent, headers: { 'content-type': 'application/json', 'digitalriver-signature': signatureHeader(body, [secret]) } });
      await response.body.dump();
      if (response.statusCode !== 202) throw new Error(`webhook answered ${response.statusCode}`);
      samples.push((await pushed) - started);
      waiters.delete(eventId);
    }

    // Intake with Redis: spread over both instances, `concurrency` in flight.
    const callsBefore = await redisCalls(redis);
    const posted: string[] = [];
    let next = 0;
    const intakeStarted = performance.now();
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < intakeEvents) {
        const index = next;
        next += 1;
        const { eventId, status } = await post(index % 2 === 0 ? a : b, index);
        if (status !== 202) throw new Error(`intake event ${index} answered ${status}`);
        posted.push(eventId);
      }
    }));
    const seconds = (performance.now() - intakeStarted) / 1000;
    const deadline = Date.now() + 30_000;
    while (posted.some((eventId) => !arrivals.has(eventId)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const pushed = posted.filter((eventId) => arrivals.has(eventId)).length;
    if (pushed !== posted.length) throw new Error(`only ${pushed} of ${posted.length} intake events were pushed`);
    // Commands spent: everything Redis served during the intake, per event (PINGs and stream polls included).
    const redisCommandsPerEvent = requirePositive(((await redisCalls(redis)) - callsBefore) / intakeEvents, 'Redis commands per event');

    return {
      crossInstance: summarise(samples, 'cross-instance webhook-to-push latency'),
      intake: { events: intakeEvents, seconds, perSecond: requirePositive(intakeEvents / seconds, 'events per second with Redis'), pushed },
      redisCommandsPerEvent,
    };
  } finally {
    await client.dispose();
    await Promise.all(instances.map((instance) => instance.stop()));
    await simulator.stop();
    await agent.close();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  }
}

/** The report section. */
export function renderTwoInstances(result: TwoInstanceResult, redisUrl: string, concurrency: number): string {
  const { crossInstance, intake } = result;
  return [
    `Two gateways (\`node dist/src/main.js\`, each its own process, \`REDIS_URL=${redisUrl}\` with a private key prefix) against one simulator; `
      + 'one graphql-ws subscriber (`subscription { fulfillmentCancellationUpdated { eventId } }`) on instance B. '
      + `Latency: ${num(crossInstance.count)} signed \`fulfillment_cancellation.accepted\` webhooks posted to instance A one after another, timed from POST to the push B sends. `
      + `Intake: ${num(intake.events)} signed events, each about its own cancellation, alternately to A and B with ${concurrency} in flight; every one must be answered 202 `
      + 'and pushed exactly once to the subscriber on B. Redis commands: the growth of `INFO commandstats` calls over the intake (Lua-internal calls, pub/sub, stream reads and acks, health pings included), per event.',
    '',
    table(
      ['cross-instance push p50', 'p95', 'p99', 'max', 'events/s acknowledged with Redis', 'pushed once', 'Redis commands per event'],
      [[
        `${num(crossInstance.p50, 1)} ms`,
        `${num(crossInstance.p95, 1)} ms`,
        `${num(crossInstance.p99, 1)} ms`,
        `${num(crossInstance.max, 1)} ms`,
        num(intake.perSecond),
        `${num(intake.pushed)} of ${num(intake.events)}`,
        num(result.redisCommandsPerEvent, 1),
      ]],
    ),
  ].join('\n');
}
