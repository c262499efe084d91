// Benchmark 2: latency of the 50-order page with 50 ms upstream latency, against the 2 × L floor and the hand-written REST endpoint.
import { num, ratio, table, verdict } from '../lib/markdown';
import { type TargetKind, fetchPage } from '../lib/order-page';
import { type LatencySummary, summarise } from '../lib/stats';
import { requirePositive } from '../lib/validate';
import type { ServersUnderTest } from './servers-under-test';

/** The simulator's added latency per answer. */
export const UPSTREAM_LATENCY_MS = 50;

/** Orders on the measured page. */
export const LATENCY_PAGE = 50;

/** What the latency benchmark found. */
export interface LatencyResult {
  requests: number;
  latency: Record<TargetKind, LatencySummary>;
  /** Gateway p50 ÷ 2 × L. */
  gatewayToFloor: number;
  /** Gateway p50 ÷ REST p50. */
  gatewayToRest: number;
}

/** Times `count` sequential pages on one target, after two unmeasured ones. */
async function timePages(set: ServersUnderTest, kind: TargetKind, count: number): Promise<LatencySummary> {
  for (let warm = 0; warm < 2; warm += 1) await fetchPage(set.targets[kind], LATENCY_PAGE);
  const samples: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const started = performance.now();
    await fetchPage(set.targets[kind], LATENCY_PAGE);
    samples.push(performance.now() - started);
  }
  return summarise(samples, `${kind} page latency`);
}

/**
 * Measures `count` sequential 50-order pages per target against a simulator
 * that adds {@link UPSTREAM_LATENCY_MS} to every answer.
 *
 * @throws BenchmarkError for any error answer or an empty series.
 */
export async function measureLatency(set: ServersUnderTest, count: number): Promise<LatencyResult> {
  const latency = {
    gateway: await timePages(set, 'gateway', count),
    rest: await timePages(set, 'rest', count),
    naive: await timePages(set, 'naive', count),
  };
  return {
    requests: count,
    latency,
    gatewayToFloor: requirePositive(latency.gateway.p50 / (2 * UPSTREAM_LATENCY_MS), 'gateway p50 / floor'),
    gatewayToRest: requirePositive(latency.gateway.p50 / latency.rest.p50, 'gateway p50 / REST p50'),
  };
}

/** The report section. */
export function renderLatency(result: LatencyResult): string {
  const floor = 2 * UPSTREAM_LATENCY_MS;
  const row = (label: string, kind: TargetKind): string[] => {
    const summary = result.latency[kind];
    return [label, `${num(summary.p50, 1)} ms`, `${num(summary.p95, 1)} ms`, ratio(summary.p50 / floor), ratio(summary.p50 / result.latency.rest.p50)];
  };
  return [
    `L = ${UPSTREAM_LATENCY_MS} ms added by the simulator to every upstream answer; ${LATENCY_PAGE}-order page; ${result.requests} sequential requests per server after 2 unmeasured ones.`,
    '',
    table(
      ['server', 'p50', 'p95', `p50 ÷ floor (2 × L = ${floor} ms)`, 'p50 ÷ REST p50'],
      [row('this gateway', 'gateway'), row('hand-written REST', 'rest'), row('naive gateway', 'naive')],
    ),
    '',
    `Target "gateway p50 ≤ 1.15 × REST p50": ${verdict(result.gatewayToRest <= 1.15)} (${ratio(result.gatewayToRest)}).`,
    `The ${LATENCY_PAGE}-order page of the demo data needs 3 dependent round trips, not 2: its cancellations span two upstream pages (one order has more than 100), `
      + `and the second page can only be asked for after the first (\`startingAfter\`). The REST endpoint pays the same; its p50 is the real floor here.`,
  ].join('\n');
}
