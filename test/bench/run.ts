// Entry point of `npm run bench`: runs every benchmark in child processes and writes BENCHMARKS.md (`--quick`: a CI smoke run).
import { writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

import { FAIR_SHARE_RATE_LIMIT, measureFairShare, renderFairShare } from './benchmarks/fair-share.bench';
import { profileGateway, renderProfile } from './benchmarks/gateway-profile.bench';
import { LATENCY_PAGE, UPSTREAM_LATENCY_MS, measureLatency, renderLatency } from './benchmarks/latency.bench';
import { type OrderViewSizes, VIEW_BUDGET, measureOrderViews, renderOrderViews } from './benchmarks/order-views.bench';
import { type ResumeSseSizes, measureResumeSse, renderResumeSse } from './benchmarks/resume-sse.bench';
import { type Placement, startServersUnderTest } from './benchmarks/servers-under-test';
import { measureSubscriptions, renderSubscriptions } from './benchmarks/subscriptions.bench';
import { measureTwoInstances, renderTwoInstances } from './benchmarks/two-instances.bench';
import { THROUGHPUT_PAGE, measureThroughput, renderThroughput } from './benchmarks/throughput.bench';
import { measureUpstreamCalls, renderUpstreamCalls } from './benchmarks/upstream-calls.bench';
import { measureWebhookIntake, renderWebhookIntake } from './benchmarks/webhook-intake.bench';
import { parseBenchArgs } from './lib/args';
import { repositoryRoot } from './lib/autocannon';
import { canRaiseOpenFileLimit, machineInfo, openFileLimit } from './lib/machine';
import { messageOf } from './lib/validate';
import { type ReportSection, renderReport } from './report/write-report';

/** Sizes of a run. */
interface RunSizes {
  latencyRequests: number;
  loadSeconds: number;
  /** Alternating gateway/REST throughput rounds. */
  throughputRounds: number;
  loadConnections: number;
  warmupRequests: number;
  subscriptionLevels: number[];
  intakeWarmup: number;
  intakeEvents: number;
  twoInstanceLatencyEvents: number;
  twoInstanceIntakeEvents: number;
  /** Single-order queries timed per series (idle, under burst) and per fair-share setting. */
  fairShareSamples: number;
  /** Section 7a: order-detail views with and without the shared cache. */
  orderViews: OrderViewSizes;
  /** Section 8: resume replays and SSE beside the WebSocket. */
  resume: ResumeSseSizes;
  profile: boolean;
}

const FULL: RunSizes = {
  latencyRequests: 30, loadSeconds: 10, throughputRounds: 3, loadConnections: 10, warmupRequests: 50,
  subscriptionLevels: [1_000, 10_000, 20_000], intakeWarmup: 1_000, intakeEvents: 10_000,
  twoInstanceLatencyEvents: 500, twoInstanceIntakeEvents: 10_000, fairShareSamples: 30, profile: true,
  orderViews: { orders: 10_000, zipf: 1.3, concurrency: 128, uncachedConcurrency: 32, warmSeconds: 30, measureSeconds: 60, changedPerMinute: 0.05, cachedTtlSeconds: 300,
    alsoRuns: [{ zipf: 1.3, ttlSeconds: 60 }, { zipf: 1.0, ttlSeconds: 300 }] },
  resume: { missedByOne: 1_000, resumingAtOnce: 1_000, missedEach: 10, latencyEvents: 300 },
};
const QUICK: RunSizes = {
  latencyRequests: 8, loadSeconds: 5, throughputRounds: 1, loadConnections: 10, warmupRequests: 20,
  subscriptionLevels: [1_000], intakeWarmup: 500, intakeEvents: 2_000,
  twoInstanceLatencyEvents: 100, twoInstanceIntakeEvents: 2_000, fairShareSamples: 4, profile: false,
  // The changes run 3× faster than in the full run (15% of the orders a minute) to show in a short window.
  // 64 clients, not 128: in 20 s most views are first views, each a miss waiting for the budget, and with 128 of them queued
  // some waited past the gateway's 2 s (81 failed views of 8,300 in one run, against the 1 % that fails it).
  orderViews: { orders: 10_000, zipf: 1.3, concurrency: 64, uncachedConcurrency: 32, warmSeconds: 10, measureSeconds: 10, changedPerMinute: 0.15, cachedTtlSeconds: 300 },
  resume: { missedByOne: 200, resumingAtOnce: 100, missedEach: 10, latencyEvents: 50 },
};

/** Subscriptions per WebSocket (see the subscription section for why not one per socket). */
const SUBSCRIPTIONS_PER_SOCKET = 10;

/** On two or more cores the server under test gets core 0 to itself; simulator and load generator share core 1. */
function placementFor(cores: number): { placement: Placement; load: string | undefined; words: string } {
  if (cores < 2) return { placement: {}, load: undefined, words: 'unpinned (one core)' };
  return {
    placement: { server: '0', simulator: '1' },
    load: '1',
    words: 'every server, simulator and client is its own process; in the throughput and profile runs the server under test has CPU 0 '
      + 'to itself (`taskset -c 0`) and the simulator and autocannon share CPU 1; the other benchmarks run unpinned.',
  };
}

async function main(): Promise<number> {
  const { quick, only } = parseBenchArgs(process.argv.slice(2));
  const sizes = quick ? QUICK : FULL;
  const startedAt = new Date();
  const clock = performance.now();
  const { placement, load, words } = placementFor(cpus().length);
  const loadOptions = { connections: sizes.loadConnections, durationSeconds: sizes.loadSeconds, ...(load === undefined ? {} : { cpus: load }) };
  const sections: ReportSection[] = [];
  const failures: string[] = [];
  const step = async (key: string, title: string, body: () => Promise<string>): Promise<void> => {
    if (only !== undefined && !only.has(key)) return;
    const began = performance.now();
    process.stdout.write(`bench: ${title} …\n`);
    try {
      sections.push({ title, body: await body() });
      process.stdout.write(`bench: ${title} done in ${((performance.now() - began) / 1000).toFixed(1)} s\n`);
    } catch (error) {
      failures.push(`${title}: ${messageOf(error)}`);
      process.stderr.write(`bench: ${title} FAILED: ${messageOf(error)}\n`);
    }
  };

  await step('1', '1. Upstream calls per order page', async () => {
    const set = await startServersUnderTest(0);
    try {
      return renderUpstreamCalls(await measureUpstreamCalls(set));
    } finally {
      await set.stop();
    }
  });
  await step('2', `2. Latency against the critical path (L = ${UPSTREAM_LATENCY_MS} ms, ${LATENCY_PAGE} orders)`, async () => {
    const set = await startServersUnderTest(UPSTREAM_LATENCY_MS);
    try {
      return renderLatency(await measureLatency(set, sizes.latencyRequests));
    } finally {
      await set.stop();
    }
  });
  await step('3', `3. Throughput and overhead (${THROUGHPUT_PAGE} orders, no added latency)`, async () => {
    const set = await startServersUnderTest(0, placement);
    try {
      const pinned = load === undefined ? 'Unpinned (one core).' : 'The server under test has CPU 0 to itself; the simulator (its own process) and autocannon share CPU 1.';
      return renderThroughput(await measureThroughput(set, loadOptions, sizes.warmupRequests, pinned, sizes.throughputRounds));
    } finally {
      await set.stop();
    }
  });
  if (sizes.profile || only?.has('3b') === true) {
    await step('3b', '3b. Where the gateway\'s CPU goes (profile of the throughput run)', async () => {
      return renderProfile(await profileGateway(loadOptions, placement));
    });
  }
  await step('4', '4. Subscriptions at scale', async () => renderSubscriptions(await measureSubscriptions({
    levels: sizes.subscriptionLevels, perSocket: SUBSCRIPTIONS_PER_SOCKET, fanoutSubscribers: 1_000,
  }), { limit: openFileLimit(), raisable: canRaiseOpenFileLimit() }));
  await step('5', '5. Webhook intake', async () => renderWebhookIntake(await measureWebhookIntake({
    warmupEvents: sizes.intakeWarmup, events: sizes.intakeEvents, concurrency: 50, perSocket: SUBSCRIPTIONS_PER_SOCKET,
  })));
  // CI and this machine run Redis here; an unreachable Redis fails the section loudly.
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const twoInstanceConcurrency = 32;
  await step('6', '6. Two instances on one Redis', async () => renderTwoInstances(
    await measureTwoInstances(redisUrl, sizes.twoInstanceLatencyEvents, sizes.twoInstanceIntakeEvents, twoInstanceConcurrency),
    redisUrl,
    twoInstanceConcurrency,
  ));
  await step('7a', `7a. Order-detail views with the shared cache: two instances, ${sizes.orderViews.orders.toLocaleString('en-US')} orders, UPSTREAM_RATE_LIMIT=${VIEW_BUDGET}`, async () => renderOrderViews(
    await measureOrderViews(redisUrl, sizes.orderViews),
    redisUrl,
  ));
  await step('7b', `7b. Fair share of the upstream budget under another caller's burst (UPSTREAM_RATE_LIMIT=${FAIR_SHARE_RATE_LIMIT})`, async () => renderFairShare(
    await measureFairShare(sizes.fairShareSamples),
  ));
  await step('8', '8. Live updates over real networks: resume and server-sent events', async () => renderResumeSse(await measureResumeSse(sizes.resume)));

  const seconds = (performance.now() - clock) / 1000;
  if (failures.length > 0) {
    process.stderr.write(`bench: ${failures.length} benchmark(s) failed; no report written:\n${failures.map((line) => `  - ${line}`).join('\n')}\n`);
    return 1;
  }
  const report = renderReport({ quick, machine: machineInfo(), startedAt, seconds, placement: words }, sections);
  const path = quick || only !== undefined ? join(tmpdir(), 'BENCHMARKS.quick.md') : join(repositoryRoot(), 'BENCHMARKS.md');
  writeFileSync(path, `${report}\n`);
  if (quick) process.stdout.write(`${report}\n`);
  process.stdout.write(`bench: all benchmarks passed in ${seconds.toFixed(1)} s; wrote ${path}\n`);
  return 0;
}

main().then((code) => {
  process.exitCode = code;
}, (error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 1;
});
