// Measures webhook-to-push latency on the embedded set-up: signed webhook POSTed → graphql-ws push received.
import 'reflect-metadata';

import { randomUUID } from 'node:crypto';

import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

import { loadConfig } from '../../src/config';
import { startGateway } from '../../src/gateway';
import { createLogger } from '../../src/logger';
import { createSimulator } from '../../src/simulator/create-simulator';
import { signatureHeader } from '../helpers/sign-webhook';

/** Latency figures in milliseconds. */
export interface LatencySummary { count: number; p50: number; p99: number; max: number }

/** Percentile of sorted values (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('no samples: a benchmark produced nothing');
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** Sends `count` signed cancellation events one after another and times each push. */
export async function measureWebhookToPush(count: number): Promise<LatencySummary> {
  const secret = `whsec_${randomUUID()}`;
  const simulator = await createSimulator({ port: 0 });
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DR_API_BASE_URL: simulator.url, DR_API_KEY: 'sk_test_simulator', DR_WEBHOOK_SECRET: secret, LOG_LEVEL: 'silent' });
  const gateway = await startGateway(config, { logger: createLogger('silent') });
  const client = createClient({ url: `${gateway.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
  try {
    const cancellation = [...simulator.store.cancellations.sorted()].find((item) => item.upstreamId !== undefined);
    if (cancellation === undefined) throw new Error('the demo data has no cancellation with an order id');
    const arrivals = new Map<string, (at: number) => void>();
    let failure: unknown;
    client.subscribe<{ fulfillmentCancellationUpdated: { eventId: string } }>({
      query: 'subscription($id: ID) { fulfillmentCancellationUpdated(id: $id) { eventId fulfillmentCancellation { id state } } }',
      variables: { id: cancellation.id },
    }, {
      next: (result) => {
        const eventId = result.data?.fulfillmentCancellationUpdated.eventId;
        if (eventId !== undefined) arrivals.get(eventId)?.(performance.now());
        if (result.errors !== undefined) failure = result.errors;
      },
      error: (error) => { failure = error; },
      complete: () => undefined,
    });
    while (gateway.openSubscriptions() === 0) await new Promise((resolve) => setTimeout(resolve, 5));

    const samples: number[] = [];
    const base = Date.now();
    for (let index = 0; index < count; index += 1) {
      const eventId = randomUUID();
      const body = JSON.stringify({
        id: eventId, type: 'fulfillment_cancellation.accepted', liveMode: false,
        createdTime: new Date(base + index).toISOString(),
        data: { object: { ...cancellation, state: index % 2 === 0 ? 'accepted' : 'pending' }, previousAttributes: { state: 'pending' } },
      });
      const arrived = new Promise<number>((resolve, reject) => {
        arrivals.set(eventId, resolve);
        setTimeout(() => reject(new Error(`event ${index} was not pushed within 5 s${failure === undefined ? '' : `: ${JSON.stringify(failure)}`}`)), 5000).unref();
      });
      const started = performance.now();
      const response = await fetch(`${gateway.url}/webhooks/digitalriver`, {
        method: 'POST', body, headers: { 'content-type': 'application/json', 'digitalriver-signature': signatureHeader(body, [secret]) },
      });
      if (response.status !== 202) throw new Error(`webhook ${index} answered ${response.status}`);
      samples.push((await arrived) - started);
      arrivals.delete(eventId);
    }
    const sorted = [...samples].sort((a, b) => a - b);
    return { count: samples.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] as number };
  } finally {
    await client.dispose();
    await gateway.stop();
    await simulator.stop();
  }
}

if (require.main === module) {
  measureWebhookToPush(Number(process.argv[2] ?? 200)).then((summary) => {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  }, (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exitCode = 1;
  });
}
