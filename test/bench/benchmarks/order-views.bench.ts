// Benchmark 7: order-detail views for 10,000 orders on a two-instance fleet within a 250 req/s upstream budget, with and without the shared cache, while webhooks change 5% of the orders a minute.
import { randomUUID } from 'node:crypto';

import Redis from 'ioredis';

import { mintToken } from '../../../src/auth/mint-token';
import { createSimulator, type Simulator } from '../../../src/simulator/create-simulator';
import { CACHE_KINDS, KIND_TAGS } from '../../../src/upstream/shared-cache';
import { cancellableUnits, fileCancellation, type CancellableUnit } from '../../helpers/cancellable-units';
import { recordProgress } from '../clients/order-progress';
import { type MeasuredView, type ViewRun, seededRandom } from '../clients/order-view-load';
import { type ChildHandle, launchChild } from '../lib/child-process';
import { isRecord } from '../lib/ipc-protocol';
import { num, ratio, table, verdict } from '../lib/markdown';
import { summarise, type LatencySummary } from '../lib/stats';
import { type QuietGateway, startQuietGateway } from '../lib/quiet-gateway';
import { BenchmarkError, requirePositive } from '../lib/validate';
import { benchScript } from './servers-under-test';

/** The fleet's upstream budget, requests per second (live mode's limit). */
export const VIEW_BUDGET = 250;

/** Distinct callers the views come from (support staff with admin tokens): the budget is shared fairly among many, as in production. */
const CALLERS = 64;

/** The budget's sliding window: 1 s plus the 100 ms margin the gateway keeps for clock and network jitter. */
const BUDGET_WINDOW_MS = 1_100;

/** Sizes of one run. */
export interface OrderViewSizes {
  orders: number;
  /** Zipf exponent of order popularity. */
  zipf: number;
  /** Closed-loop clients against the cached fleet. */
  concurrency: number;
  /**
   * Clients against the uncached fleet: the budget caps it long before (about
   * 70 views/s), and more clients only queue for tokens past the gateway's
   * 2 s wait, which then answers UPSTREAM_RATE_LIMITED.
   */
  uncachedConcurrency: number;
  warmSeconds: number;
  measureSeconds: number;
  /** Share of the orders changed (one cancellation filed, then decided) per minute. */
  changedPerMinute: number;
  /**
   * CACHE_TTL_SECONDS of the cached fleet. Webhooks keep the cache true, so
   * the TTL only bounds how long a missed webhook could go unnoticed; with 60 s
   * (the default) every popular order is read again each minute.
   */
  cachedTtlSeconds: number;
  /** Further runs of the cached fleet, to show how the result depends on the popularity of the orders and on the TTL. */
  alsoRuns?: ReadonlyArray<{ zipf: number; ttlSeconds: number }>;
}

/** What one fleet did in the measured window. */
export interface FleetResult {
  ttlSeconds: number;
  zipf: number;
  views: number;
  viewsPerSecond: number;
  failures: number;
  latency: LatencySummary;
  upstreamCalls: number;
  callsPerView: number;
  /** Gateway requests upstream saw per second over the measured window. */
  callsPerSecond: number;
  /** Most gateway requests upstream saw in any window of the budget's own length (1.1 s). */
  peakCallsPerWindow: number;
  cacheHitsPerView: number;
  /** Redis commands of every kind (cache scripts, rate budget, events, …) per view over the measured window. */
  redisCommandsPerView: number;
  /** Lines both gateways logged at `error` level over the whole run of the fleet, and the first few. */
  gatewayErrors: { count: number; samples: string[] };
  changes: number;
  acknowledged: number;
  checked: number;
  stale: number;
}

/** Redis memory per cached kind, from MEMORY USAGE over a sample of keys. */
export interface KeyCost {
  kind: string;
  keys: number;
  averageBytes: number;
}

/** The whole benchmark. */
export interface OrderViewsResult {
  sizes: OrderViewSizes;
  uncached: FleetResult;
  cached: FleetResult;
  /** The cached fleet in each of `sizes.alsoRuns`. */
  others: FleetResult[];
  keyCosts: KeyCost[];
}

const WEBHOOK_TYPES = ['order.*', 'fulfillment.created', 'fulfillment_order.*', 'fulfillment_cancellation.*'];

/** Runs both fleets, the one without cache first, against one simulator seeded with `sizes.orders` orders. */
export async function measureOrderViews(redisUrl: string, sizes: OrderViewSizes): Promise<OrderViewsResult> {
  const simulator = await createSimulator({ port: 0, orderCount: sizes.orders, fulfillerDelayMs: 2_000, settleDelayMs: 500 });
  const redis = new Redis(redisUrl);
  // The clients run in a process of their own: sharing the simulator's event loop, they would slow both down.
  const client = await launchChild({ name: 'view-client', script: benchScript('clients', 'view-client') });
  const jwtSecret = `bench-${randomUUID()}`;
  const authorizations = await Promise.all(Array.from({ length: CALLERS }, async (_unused, index) =>
    `Bearer ${await mintToken(jwtSecret, { sub: `support-${index}`, role: 'admin' }, '2h')}`));
  try {
    // Popularity is not age: the ranks go to a seeded shuffle of the orders.
    const orderIds = [...simulator.store.orders.sorted()].map((order) => order.id);
    const shuffle = seededRandom(7);
    for (let index = orderIds.length - 1; index > 0; index -= 1) {
      const other = Math.floor(shuffle() * (index + 1));
      [orderIds[index], orderIds[other]] = [orderIds[other] as string, orderIds[index] as string];
    }
    const views = (targets: readonly string[], zipf: number, seconds: number, concurrency: number): Promise<ViewRun> =>
      runViewsIn(client, orderIds, { targets, zipf, seconds, concurrency, authorizations });
    const fleetOptions = { simulator, redis, redisUrl, views, sizes, jwtSecret };
    const uncached = await measureFleet(fleetOptions, 0, sizes.zipf);
    let keyCosts: KeyCost[] = [];
    const cached = await measureFleet(fleetOptions, sizes.cachedTtlSeconds, sizes.zipf, async (prefix, url) => {
      // The views cache orders and their lists; the other kinds are read by id once, so every kind's size shows.
      await readEveryKind(simulator, url, authorizations[0] as string);
      keyCosts = await measureKeyCosts(redis, prefix);
    });
    const others: FleetResult[] = [];
    for (const other of sizes.alsoRuns ?? []) others.push(await measureFleet(fleetOptions, other.ttlSeconds, other.zipf));
    return { sizes, uncached, cached, others, keyCosts };
  } finally {
    await client.stop();
    redis.disconnect();
    await simulator.stop();
  }
}

/** Sends views for `seconds` from the client process, orders drawn by Zipf rank over `orderIds`. */
type ViewRunner = (targets: readonly string[], zipf: number, seconds: number, concurrency: number) => Promise<ViewRun>;

// Private: one `run` of the view client, its compact records read back.
async function runViewsIn(
  client: ChildHandle,
  orderIds: readonly string[],
  params: { targets: readonly string[]; zipf: number; seconds: number; concurrency: number; authorizations: readonly string[] },
): Promise<ViewRun> {
  const answer = await client.command('run', { ...params, orderIds, seed: 11 }, (params.seconds + 60) * 1000);
  if (!isRecord(answer) || !Array.isArray(answer.views)) throw new BenchmarkError('view-client: unexpected answer to run');
  const views: MeasuredView[] = (answer.views as number[][]).map(([rank, startedAt, ms, progress, upstreamCalls, cacheHits]) => ({
    orderId: orderIds[rank as number] as string,
    startedAt: startedAt as number,
    ms: ms as number,
    progress: progress as number,
    upstreamCalls: upstreamCalls as number,
    cacheHits: cacheHits as number,
  }));
  return {
    views,
    failures: Number(answer.failures),
    failureSamples: Array.isArray(answer.failureSamples) ? answer.failureSamples.map(String) : [],
    seconds: Number(answer.seconds),
  };
}

// Private: one fleet of two gateway processes on Redis, its webhooks registered with the simulator, warmed up, then measured.
async function measureFleet(
  { simulator, redis, redisUrl, views, sizes, jwtSecret }: { simulator: Simulator; redis: Redis; redisUrl: string; views: ViewRunner; sizes: OrderViewSizes; jwtSecret: string },
  ttlSeconds: number,
  zipf: number,
  beforeStop?: (prefix: string, url: string) => Promise<void>,
): Promise<FleetResult> {
  const secret = `whsec_${randomUUID()}`;
  const prefix = `bench:views:${process.pid}:${Date.now()}:`;
  simulator.setWebhookSecrets([secret]);
  const env = {
    DR_API_BASE_URL: simulator.url, DR_API_KEY: 'sk_test_simulator', DR_WEBHOOK_SECRET: secret, REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix,
    UPSTREAM_RATE_LIMIT: String(VIEW_BUDGET), CACHE_TTL_SECONDS: String(ttlSeconds), AUTH_JWT_SECRET: jwtSecret,
    // Errors only: a saturated budget makes webhook processing retry, and each retry would log a warning.
    LOG_LEVEL: 'error',
  };
  const fleet: QuietGateway[] = await Promise.all([startQuietGateway(env), startQuietGateway(env)]);
  const [a] = fleet as [QuietGateway, QuietGateway];
  // Webhooks go to instance A only: every view on B reads what A invalidated.
  const webhook = await simulatorPost<{ id: string }>(simulator, '/webhooks', { address: `${a.url}/webhooks/digitalriver`, types: WEBHOOK_TYPES, enabled: true });
  const progress = recordProgress(simulator);
  const targets = fleet.map((instance) => instance.url);
  const concurrency = ttlSeconds === 0 ? sizes.uncachedConcurrency : sizes.concurrency;
  const changer = startChanges(simulator, sizes, `${ttlSeconds}`);
  try {
    // Without a cache there is nothing to warm: a few seconds fill the budget's queue.
    await views(targets, zipf, ttlSeconds === 0 ? Math.min(3, sizes.warmSeconds) : sizes.warmSeconds, concurrency);
    simulator.requestLog.clear();
    const commandsBefore = await redisCommands(redis);
    const run = await views(targets, zipf, sizes.measureSeconds, concurrency);
    const commands = (await redisCommands(redis)) - commandsBefore;
    const calls = simulator.requestLog.entries().filter((entry) => entry.headers['upstream-application-id']?.startsWith('dr-graphql-gateway') === true);
    const changes = await changer.stop();
    // Deliveries still in flight are acknowledged within a few ms; wait for them before judging.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const verdictOf = progress.staleViews(run.views);
    // A shared 2-core machine stalls now and then for seconds; past 1% of the views failing, something is wrong.
    if (run.failures > (run.failures + run.views.length) / 100) {
      throw new BenchmarkError(`${run.failures} of ${run.failures + run.views.length} views failed (CACHE_TTL_SECONDS=${ttlSeconds}): ${run.failureSamples.join('; ')}`);
    }
    // A stale view is a broken promise, not a slow one: the run fails.
    if (verdictOf.stale > 0) throw new BenchmarkError(`${verdictOf.stale} of ${verdictOf.checked} checked views were stale (CACHE_TTL_SECONDS=${ttlSeconds}, Zipf ${zipf})`);
    await beforeStop?.(prefix, a.url);
    const count = run.views.length;
    return {
      ttlSeconds,
      zipf,
      views: count,
      viewsPerSecond: requirePositive(count / run.seconds, 'views per second'),
      failures: run.failures,
      latency: summarise(run.views.map((view) => view.ms), 'view latency'),
      upstreamCalls: calls.length,
      callsPerView: calls.length / count,
      callsPerSecond: calls.length / run.seconds,
      peakCallsPerWindow: peakPerWindow(calls.map((entry) => Date.parse(entry.time)), BUDGET_WINDOW_MS),
      cacheHitsPerView: run.views.reduce((sum, view) => sum + view.cacheHits, 0) / count,
      redisCommandsPerView: commands / count,
      gatewayErrors: {
        count: fleet.reduce((sum, instance) => sum + instance.errors().count, 0),
        samples: fleet.flatMap((instance) => instance.errors().samples).slice(0, 3),
      },
      changes,
      acknowledged: verdictOf.acknowledged,
      checked: verdictOf.checked,
      stale: verdictOf.stale,
    };
  } finally {
    await changer.stop();
    progress.stop();
    await fetch(`${simulator.url}/webhooks/${webhook.id}`, { method: 'DELETE', headers: { authorization: 'Bearer sk_test_simulator' } });
    await Promise.all(fleet.map((instance) => instance.stop()));
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  }
}

// Private: files one cancellation on a fresh order at the configured rate (the fulfiller decides each 2 s later), until stopped.
function startChanges(simulator: Simulator, sizes: OrderViewSizes, label: string): { stop(): Promise<number> } {
  const byOrder = new Map<string, CancellableUnit>();
  for (const unit of cancellableUnits(simulator)) if (!byOrder.has(unit.orderId)) byOrder.set(unit.orderId, unit);
  const units = [...byOrder.values()];
  const random = seededRandom(label.length + 3);
  const perSecond = (sizes.orders * sizes.changedPerMinute) / 60;
  let filed = 0;
  let failure: unknown;
  const inFlight = new Set<Promise<void>>();
  const timer = setInterval(() => {
    if (units.length === 0) return;
    const unit = units.splice(Math.floor(random() * units.length), 1)[0] as CancellableUnit;
    const filing = fileCancellation(simulator, unit).then(() => {
      filed += 1;
    }, (error: unknown) => {
      failure ??= error;
    });
    inFlight.add(filing);
    void filing.finally(() => inFlight.delete(filing));
  }, 1000 / perSecond);
  let stopped: Promise<number> | undefined;
  return {
    stop() {
      stopped ??= (async () => {
        clearInterval(timer);
        await Promise.all(inFlight);
        if (failure !== undefined) throw new BenchmarkError(`a simulated change failed: ${String(failure)}`);
        return filed;
      })();
      return stopped;
    },
  };
}

// Private: every command Redis has served so far (INFO commandstats; other users of the same Redis count too).
async function redisCommands(redis: Redis): Promise<number> {
  const info = await redis.info('commandstats');
  return [...info.matchAll(/calls=(\d+)/g)].reduce((sum, match) => sum + Number(match[1]), 0);
}

// Private: the most timestamps (ms) within any window of `windowMs`.
function peakPerWindow(times: number[], windowMs: number): number {
  times.sort((x, y) => x - y);
  let peak = 0;
  let start = 0;
  for (let end = 0; end < times.length; end += 1) {
    while ((times[end] as number) - (times[start] as number) >= windowMs) start += 1;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}

// Private: reads 50 objects of each kind by id, and 50 orders' fulfillments, through the gateway at `url`.
async function readEveryKind(simulator: Simulator, url: string, authorization: string): Promise<void> {
  const { store } = simulator;
  const take = <T extends { id: string }>(list: readonly T[]): string[] => list.slice(0, 50).map((item) => item.id);
  const reads: Array<[string, string[]]> = [
    ['query($id: ID!) { fulfillmentOrder(id: $id) { id } }', take(store.fulfillmentOrders.sorted())],
    ['query($id: ID!) { fulfillmentCancellation(id: $id) { id } }', take(store.cancellations.sorted())],
    ['query($id: ID!) { fulfillment(id: $id) { id } }', take(store.fulfillments.sorted())],
    ['query($id: ID!) { charge(id: $id) { id refunds { id } } }', take(store.charges.sorted())],
    ['query($id: ID!) { source(id: $id) { id } }', take(store.sources.sorted())],
    ['query($id: ID!) { order(id: $id) { fulfillments { id } } }', take(store.orders.sorted())],
  ];
  for (const [query, ids] of reads) {
    await Promise.all(ids.map(async (id) => {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ query, variables: { id } }),
      });
      await response.text();
    }));
  }
}

// Private: MEMORY USAGE of up to 200 keys of each cached kind, and of the scope stamps.
async function measureKeyCosts(redis: Redis, prefix: string): Promise<KeyCost[]> {
  const patterns = [
    ...CACHE_KINDS.map((kind) => ({ kind, pattern: `${prefix}cache:e:${KIND_TAGS[kind]}:*` })),
    { kind: 'scope stamp (v:)', pattern: `${prefix}cache:v:*` },
  ];
  const costs: KeyCost[] = [];
  for (const { kind, pattern } of patterns) {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      keys.push(...found);
    } while (cursor !== '0');
    if (keys.length === 0) continue;
    const sample = keys.slice(0, 200);
    const bytes = await Promise.all(sample.map(async (key) => Number(await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0'))));
    costs.push({ kind, keys: keys.length, averageBytes: bytes.reduce((sum, value) => sum + value, 0) / sample.length });
  }
  return costs;
}

// Private: a POST to the simulator's REST API.
async function simulatorPost<T>(simulator: Simulator, path: string, body: unknown): Promise<T> {
  const response = await fetch(`${simulator.url}${path}`, {
    method: 'POST', body: JSON.stringify(body), headers: { authorization: 'Bearer sk_test_simulator', 'content-type': 'application/json' },
  });
  if (!response.ok) throw new BenchmarkError(`simulator POST ${path} answered ${response.status}`);
  return await response.json() as T;
}

/** The report section. */
export function renderOrderViews(result: OrderViewsResult, redisUrl: string): string {
  const { sizes, uncached, cached } = result;
  const speedup = cached.viewsPerSecond / uncached.viewsPerSecond;
  const stale = [uncached, cached, ...result.others].reduce((sum, fleet) => sum + fleet.stale, 0);
  const row = (fleet: FleetResult): string[] => [
    `CACHE_TTL_SECONDS=${fleet.ttlSeconds}, Zipf ${fleet.zipf}`,
    num(fleet.failures),
    num(fleet.viewsPerSecond),
    `${num(fleet.latency.p50, 1)} ms`,
    `${num(fleet.latency.p99, 1)} ms`,
    num(fleet.callsPerView, 3),
    num(fleet.cacheHitsPerView, 2),
    num(fleet.redisCommandsPerView, 2),
    `${num(fleet.callsPerSecond)} / ${num(fleet.peakCallsPerWindow)}`,
    `${num(fleet.changes)} / ${num(fleet.acknowledged)}`,
    num(fleet.gatewayErrors.count),
    `${num(fleet.stale)} of ${num(fleet.checked)}`,
  ];
  return [
    `Two gateways (\`node dist/src/main.js\`, each its own process) on one Redis (\`${redisUrl}\`, a private key prefix per fleet), \`UPSTREAM_RATE_LIMIT=${VIEW_BUDGET}\` `
      + `for the fleet, against one simulator seeded with ${num(sizes.orders)} orders whose signed webhooks go to instance A. `
      + `${sizes.concurrency} clients (${sizes.uncachedConcurrency} against the fleet without cache, which the budget caps long before), in a process of their own, `
      + `as ${CALLERS} callers (admin tokens: the budget's fair share spreads over many callers, as in production), in a closed loop send order-detail views (\`order(id)\` with the order page's node: items, charges, sources, fulfillment orders with items and cancellations, cancellations), `
      + 'alternately to A and B, for orders drawn with Zipf popularity (rank r drawn ∝ 1/r^s, ranks over a seeded shuffle of the orders); '
      + `${sizes.warmSeconds} s unmeasured (3 s without cache), then ${sizes.measureSeconds} s measured. Meanwhile ${num(sizes.changedPerMinute * 100)}% of the orders a minute change: `
      + 'a cancellation is filed straight upstream and the simulated fulfiller decides it 2 s later, each change reaching the fleet as webhooks. '
      + 'Upstream calls: the gateways\' requests in the simulator\'s log over the measured window (the budget allows 250 in any 1.1 s window; '
      + 'arrival times are taken by the simulator, whose process also runs the clients, so bursts can look denser than they were sent). Stale: a view whose order shows less progress '
      + '(cancellations filed, decided, units cancelled) than upstream had when a webhook about that order was answered 202 before the view was sent; '
      + 'one fails the run. Failed views (an error in the answer, such as an upstream timeout) fail it past 1% of the views.',
    '',
    table(
      ['fleet', 'failed views', 'views/s', 'p50', 'p99', 'upstream calls/view', 'cache hits/view', 'Redis commands/view (all clients)', 'upstream req/s: mean / most in 1.1 s', 'changes / webhooks 202', 'gateway errors logged', 'stale views'],
      [uncached, cached, ...result.others].map(row),
    ),
    '',
    `Target "the cached fleet serves ≥ 20× the order-detail views/s of the uncached fleet within the same ${VIEW_BUDGET} req/s budget, 0 stale reads": `
      + `${verdict(speedup >= 20 && stale === 0)} (${ratio(speedup, 1)} with CACHE_TTL_SECONDS=${cached.ttlSeconds} at Zipf ${sizes.zipf}, ${num(stale)} stale in all).`
      + result.others.map((other) => ` With CACHE_TTL_SECONDS=${other.ttlSeconds} at Zipf ${other.zipf}: ${ratio(other.viewsPerSecond / uncached.viewsPerSecond, 1)}.`).join('')
      + ' Without the cache the fleet is bound by the budget whatever the popularity of the orders; with it, by the orders the views miss (each a few calls) and by CPU.',
    ...[uncached, cached, ...result.others].filter((fleet) => fleet.gatewayErrors.count > 0).map((fleet) =>
      `Errors the fleet with CACHE_TTL_SECONDS=${fleet.ttlSeconds}, Zipf ${fleet.zipf} logged, first ones: ${fleet.gatewayErrors.samples.map((sample) => `"${sample}"`).join('; ')}.`),
    '',
    'What each cached kind costs in Redis (`MEMORY USAGE … SAMPLES 0` over up to 200 keys of the kind, after the cached run):',
    '',
    table(['kind', 'keys', 'bytes per key'], result.keyCosts.map((cost) => [cost.kind, num(cost.keys), num(cost.averageBytes)])),
  ].join('\n');
}
