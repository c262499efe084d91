// Benchmark 4: subscriptions at scale — gateway memory per open subscription, webhook-to-push latency with them open, and a 1,000-subscriber fan-out.
import { randomUUID } from 'node:crypto';

import { type ChildHandle, launchChild, stopAll } from '../lib/child-process';
import { type DeliveryCounts, requireExactDelivery } from '../lib/delivery-check';
import { isRecord, numberField, stringField } from '../lib/ipc-protocol';
import { num, table, verdict } from '../lib/markdown';
import { type LatencySummary, summarise } from '../lib/stats';
import { requireFinite, requirePositive, requireThat } from '../lib/validate';
import { waitFor } from '../lib/wait-for';
import { LAYOUT, ORDERS_NEEDED, ORDER_UPDATED } from '../clients/subscription-layout';
import { SERVER_ENV, benchScript } from './servers-under-test';

/** How big a subscription run is. */
export interface SubscriptionOptions {
  /** Open subscriptions at each step, ascending, e.g. [1000, 10000, 20000]. */
  levels: readonly number[];
  /** Subscriptions per WebSocket. */
  perSocket: number;
  /** Subscribers of the one fan-out order. */
  fanoutSubscribers: number;
}

/** One step's figures. */
export interface SubscriptionLevel {
  subscriptions: number;
  sockets: number;
  /**
   * Growth over the baseline per open subscription, bytes, after GC: what the
   * gateway retains (JS heap + external buffers, the target's measure) and RSS
   * (informative: the allocator may hand pages back, so it can even shrink).
   */
  retainedPerSubscription: number;
  heapPerSubscription: number;
  rssPerSubscription: number;
  rssMiB: number;
  /** Webhook POST (client) → push received (same client), one event per probe order. */
  latency: LatencySummary;
  /** Webhook POST → the last of `fanoutSubscribers` pushes. */
  fanoutMs: number;
}

/** What the benchmark found. */
export interface SubscriptionResult {
  options: SubscriptionOptions;
  baselineRssMiB: number;
  levels: SubscriptionLevel[];
  delivery: DeliveryCounts;
}

interface Memory { rss: number; heapUsed: number; external: number }

async function memoryOf(gateway: ChildHandle): Promise<Memory> {
  const reply = await gateway.command('memory');
  requireThat(isRecord(reply) && reply['gc'] === true, 'the gateway child must run with --expose-gc to measure memory after GC');
  return { rss: numberField(reply, 'rss'), heapUsed: numberField(reply, 'heapUsed'), external: numberField(reply, 'external') };
}

/**
 * Starts a simulator, a gateway (`--expose-gc`) and the subscriber client,
 * each in its own process; warms the push path up; then, per level, opens
 * subscriptions up to it, confirms the gateway registered every one, reads
 * the gateway's memory after GC, sends one event per probe order and times
 * each push, and times one event to `fanoutSubscribers` extra subscribers of
 * one order (opened for that step and closed after). Finally every push is
 * checked: each expected exactly once, nothing else.
 *
 * @throws BenchmarkError for any lost, doubled or unexpected push, an error, or a zero figure.
 */
export async function measureSubscriptions(options: SubscriptionOptions): Promise<SubscriptionResult> {
  const children: ChildHandle[] = [];
  try {
    const simulator = await launchChild({ name: 'simulator', script: benchScript('servers', 'simulator-server'), params: { orderCount: ORDERS_NEEDED + 99 } });
    children.push(simulator);
    const webhookSecret = `whsec_${randomUUID()}`;
    const upstream = { upstreamUrl: stringField(simulator.info, 'url'), apiKey: stringField(simulator.info, 'apiKey') };
    const gateway = await launchChild({
      name: 'gateway', script: benchScript('servers', 'gateway-server'), params: { ...upstream, webhookSecret }, nodeFlags: ['--expose-gc'], env: SERVER_ENV,
    });
    children.push(gateway);
    const client = await launchChild({
      name: 'subscriber',
      script: benchScript('clients', 'subscriber'),
      params: { gatewayUrl: stringField(gateway.info, 'url'), simulatorUrl: upstream.upstreamUrl, apiKey: upstream.apiKey, webhookSecret, perSocket: options.perSocket },
    });
    children.push(client);
    // graphql-ws registers a subscription shortly after its subscribe message: the gateway's own count is the proof.
    const registered = (expected: number): Promise<number> =>
      waitFor(`gateway subscriptions (want ${expected})`, async () => numberField({ n: await gateway.command('subscriptions') }, 'n'), (n) => n === expected);
    // Opens the fan-out subscribers on top of `base`, times one event to all of them, closes them again.
    const fanout = async (base: number): Promise<number> => {
      await client.command('openFanout', { subscribers: options.fanoutSubscribers });
      await registered(base + options.fanoutSubscribers);
      const ms = numberField({ ms: await client.command('sendFanout') }, 'ms');
      await client.command('closeFanout');
      await registered(base);
      return requirePositive(ms, 'fan-out time');
    };

    // Warm-up: the whole path once (sockets, subscribe, webhook, push, close), so the baseline holds what a running gateway holds anyway.
    await fanout(0);
    const baseline = await memoryOf(gateway);

    const levels: SubscriptionLevel[] = [];
    for (const total of options.levels) {
      const opened = await client.command('open', { total }, 300_000);
      await registered(total);
      const memory = await memoryOf(gateway);
      const samples = await client.command('probe', null, 300_000);
      requireThat(Array.isArray(samples) && samples.every((sample) => typeof sample === 'number'), 'probe answered no latency samples');
      const latency = summarise(samples as number[], `webhook-to-push latency at ${total} subscriptions`);
      requireThat(latency.count === LAYOUT.probes, `expected ${LAYOUT.probes} probe samples, got ${latency.count}`);
      const fanoutMs = await fanout(total);
      levels.push({
        subscriptions: total,
        sockets: numberField(opened, 'sockets'),
        retainedPerSubscription: requirePositive(
          (memory.heapUsed + memory.external - baseline.heapUsed - baseline.external) / total,
          `retained memory per subscription at ${total}`,
        ),
        heapPerSubscription: requirePositive((memory.heapUsed - baseline.heapUsed) / total, `heap per subscription at ${total}`),
        rssPerSubscription: requireFinite((memory.rss - baseline.rss) / total, `RSS per subscription at ${total}`),
        rssMiB: memory.rss / 1024 ** 2,
        latency,
        fanoutMs,
      });
    }
    // Late duplicates would arrive now, if any.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const delivery = requireExactDelivery(await client.command('verify'), 'subscription pushes');
    return { options, baselineRssMiB: baseline.rss / 1024 ** 2, levels, delivery };
  } finally {
    await stopAll(children);
  }
}

/** The report section. */
export function renderSubscriptions(result: SubscriptionResult, fileLimits: { limit: string; raisable: boolean }): string {
  const { options } = result;
  const largest = result.levels[result.levels.length - 1];
  const kb = (bytes: number): string => `${num(bytes / 1024, 1)} KB`;
  return [
    `One gateway process (\`--expose-gc\`); the subscriptions, the webhooks and the clock that times them live in one separate client process; the simulator in a third. `
      + `Each subscription is \`${ORDER_UPDATED}\`, ${options.perSocket} per WebSocket `
      + `(the open-file limit here is ${fileLimits.limit} soft/hard and \`ulimit -n 65535\` is ${fileLimits.raisable ? 'allowed, but the layout stays the same on every machine' : 'refused, so 20,000 one-per-socket connections would not fit one gateway process'}). `
      + `At each level: ${LAYOUT.probes} probe subscriptions (one subscriber per order) plus background ones spread over ${LAYOUT.idleOrders} other orders. `
      + `Memory is what the gateway retains after GC (JS heap + external buffers, from \`process.memoryUsage()\`), less a baseline taken after a warm-up, divided by the open subscriptions; RSS is shown beside it for information (the allocator may return pages, so it can move either way). `
      + `Latency: ${LAYOUT.probes} signed \`order.accepted\` webhooks, one per probe order, one after another, timed from POST to push at the client. `
      + `Fan-out: ${num(options.fanoutSubscribers)} more subscribers of one order (on ${num(Math.ceil(options.fanoutSubscribers / options.perSocket))} sockets of their own), one webhook, timed to the last push.`,
    '',
    table(
      ['open subscriptions', 'sockets', 'retained / subscription', 'of which heap', 'RSS / subscription', 'gateway RSS', 'webhook→push p50', 'p99', 'max', `1 event → ${num(options.fanoutSubscribers)} subscribers`],
      result.levels.map((level) => [
        num(level.subscriptions),
        num(level.sockets),
        kb(level.retainedPerSubscription),
        kb(level.heapPerSubscription),
        kb(level.rssPerSubscription),
        `${num(level.rssMiB)} MiB`,
        `${num(level.latency.p50, 1)} ms`,
        `${num(level.latency.p99, 1)} ms`,
        `${num(level.latency.max, 1)} ms`,
        `${num(level.fanoutMs, 1)} ms`,
      ]),
    ),
    '',
    `Baseline gateway RSS ${num(result.baselineRssMiB)} MiB. Deliveries checked per subscription: ${num(result.delivery.expected)} expected pushes to `
      + `${num(result.delivery.subscriptions)} subscriptions, ${num(result.delivery.delivered)} delivered exactly once, `
      + `${result.delivery.missing} missing, ${result.delivery.duplicated} doubled, ${result.delivery.unexpected} unexpected.`,
    largest === undefined
      ? ''
      : `Targets at ${num(largest.subscriptions)} subscriptions: memory < 20 KB each ${verdict(largest.retainedPerSubscription < 20 * 1024)} (${kb(largest.retainedPerSubscription)} retained, ${kb(largest.rssPerSubscription)} RSS); `
        + `webhook→push p99 < 100 ms ${verdict(largest.latency.p99 < 100)} (${num(largest.latency.p99, 1)} ms); `
        + `1 event to ${num(options.fanoutSubscribers)} subscribers < 250 ms ${verdict(largest.fanoutMs < 250)} (${num(largest.fanoutMs, 1)} ms).`,
  ].join('\n');
}
