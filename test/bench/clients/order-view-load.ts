// Drives order-detail views at a fleet: a closed loop of concurrent clients, orders drawn with Zipf-like popularity, every answer checked and kept.
import { Agent, request } from 'undici';

import { BenchmarkError } from '../lib/validate';
import { type ViewRecord, progressInView } from './order-progress';

/** The order-detail view: the order page's node, for one order. */
export const ORDER_VIEW_QUERY = `query OrderView($id: ID!) {
  order(id: $id) {
    id state totalAmount currency customerId
    items { id quantity productName }
    charges { id amount state captures { id amount } source { id type creditCard { brand lastFourDigits } } }
    sources { id type }
    fulfillmentOrders { id state items { id state pending backordered cancelled cancellableQuantity }
      cancellations { id state items { quantity quantityAccepted state } } }
    fulfillmentCancellations { id state createdTime }
  }
}`;

/** A view as measured: what {@link ViewRecord} keeps, plus its latency and cost. */
export interface MeasuredView extends ViewRecord {
  ms: number;
  upstreamCalls: number;
  cacheHits: number;
}

/** What one run of views produced. */
export interface ViewRun {
  views: MeasuredView[];
  /** Answers with errors or a non-200 status, with the first few messages. */
  failures: number;
  failureSamples: string[];
  seconds: number;
}

/**
 * Draws ranks 0…n-1 with probability ∝ 1 / (rank + 1)^s (Zipf), from a
 * seeded generator so both fleets see the same sequence of orders.
 */
export function zipfSampler(n: number, s: number, seed: number): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let rank = 0; rank < n; rank += 1) {
    sum += 1 / (rank + 1) ** s;
    cdf[rank] = sum;
  }
  const random = seededRandom(seed);
  return () => {
    const target = random() * sum;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((cdf[middle] as number) < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
}

/** A small seeded PRNG (mulberry32): the same seed, the same draws. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Runs `concurrency` clients for `seconds`, each sending one view after the
 * other, alternately to each of `targets`, for the order `pick()` names.
 * Client i sends `authorizations[i % n]` when given: as many callers as
 * tokens, for the gateway's fair share and caller rate.
 */
export async function runViews(
  targets: readonly string[],
  pick: () => string,
  { seconds, concurrency, authorizations = [] }: { seconds: number; concurrency: number; authorizations?: readonly string[] },
): Promise<ViewRun> {
  const agents = targets.map(() => new Agent({ connections: concurrency, pipelining: 1 }));
  const views: MeasuredView[] = [];
  const failureSamples: string[] = [];
  let failures = 0;
  let turn = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  try {
    await Promise.all(Array.from({ length: concurrency }, async (_client, client) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      const authorization = authorizations[client % Math.max(1, authorizations.length)];
      if (authorization !== undefined) headers.authorization = authorization;
      while (performance.now() < deadline) {
        const target = turn % targets.length;
        turn += 1;
        const orderId = pick();
        const startedAt = Date.now();
        const clock = performance.now();
        const response = await request(`${targets[target] as string}/graphql`, {
          method: 'POST',
          dispatcher: agents[target] as Agent,
          headers,
          body: JSON.stringify({ query: ORDER_VIEW_QUERY, variables: { id: orderId } }),
        });
        const body = await response.body.json() as {
          data?: { order: Parameters<typeof progressInView>[0] | null } | null;
          errors?: Array<{ message: string; extensions?: { code?: string } }>;
          extensions?: { cost?: { upstreamCalls: number; cacheHits: number } };
        };
        const ms = performance.now() - clock;
        const order = body.data?.order;
        if (response.statusCode !== 200 || body.errors !== undefined || order === null || order === undefined) {
          failures += 1;
          if (failureSamples.length < 3) failureSamples.push(`${response.statusCode} ${JSON.stringify(body.errors ?? body).slice(0, 200)}`);
          continue;
        }
        views.push({
          orderId, startedAt, ms, progress: progressInView(order),
          upstreamCalls: body.extensions?.cost?.upstreamCalls ?? Number.NaN,
          cacheHits: body.extensions?.cost?.cacheHits ?? Number.NaN,
        });
      }
    }));
  } finally {
    await Promise.all(agents.map((agent) => agent.close()));
  }
  if (views.length === 0) throw new BenchmarkError(`no order view succeeded: ${failureSamples.join('; ')}`);
  return { views, failures, failureSamples, seconds: (performance.now() - started) / 1000 };
}
