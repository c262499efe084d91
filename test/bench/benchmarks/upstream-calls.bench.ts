// Benchmark 1: upstream calls per order page (1, 10, 50, 100 orders) of this gateway, the REST floor and the naive gateway.
import { type CallCount, asCallCount } from '../lib/call-count';
import { firstDifference } from '../lib/json-diff';
import { num, ratio, table, verdict } from '../lib/markdown';
import { type TargetKind, fetchPage } from '../lib/order-page';
import { BenchmarkError, requirePositive, requireThat } from '../lib/validate';
import type { ServersUnderTest } from './servers-under-test';

/** Calls of one page size. */
export interface CallsRow {
  orders: number;
  calls: Record<TargetKind, CallCount>;
  /** Naive calls ÷ gateway calls. */
  naiveRatio: number;
  /** Whether the naive gateway answered exactly what the gateway did; else the first differing path. */
  naiveDifference: string | undefined;
}

/** The page sizes of the issue. */
export const PAGE_SIZES = [1, 10, 50, 100] as const;

/** Counts the calls one page costs on `kind`, from the simulator's request log. */
async function callsOf(set: ServersUnderTest, kind: TargetKind, orders: number): Promise<{ calls: CallCount; data: unknown }> {
  await set.simulator.command('clear');
  const data = await fetchPage(set.targets[kind], orders);
  const calls = asCallCount(await set.simulator.command('calls'));
  requireThat(calls.failed === 0, `${kind}, ${orders} orders: ${calls.failed} upstream calls failed`);
  requirePositive(calls.total, `${kind} upstream calls for ${orders} orders`);
  return { calls, data };
}

/**
 * Asks each server for each page size once, one at a time, and counts the
 * calls. The gateway's and the REST endpoint's data must be identical (the
 * comparison is only fair if they answer the same thing).
 *
 * @throws BenchmarkError for an error answer, a failed upstream call or different data.
 */
export async function measureUpstreamCalls(set: ServersUnderTest): Promise<CallsRow[]> {
  const rows: CallsRow[] = [];
  for (const orders of PAGE_SIZES) {
    const gateway = await callsOf(set, 'gateway', orders);
    const rest = await callsOf(set, 'rest', orders);
    const naive = await callsOf(set, 'naive', orders);
    const restDifference = firstDifference(gateway.data, rest.data);
    if (restDifference !== undefined) throw new BenchmarkError(`REST and gateway pages differ for ${orders} orders at ${restDifference}`);
    rows.push({
      orders,
      calls: { gateway: gateway.calls, rest: rest.calls, naive: naive.calls },
      naiveRatio: requirePositive(naive.calls.total / gateway.calls.total, 'naive/gateway ratio'),
      naiveDifference: firstDifference(gateway.data, naive.data),
    });
  }
  return rows;
}

/** The report section. */
export function renderUpstreamCalls(rows: readonly CallsRow[]): string {
  const callCell = (count: CallCount): string => `${num(count.total)}${count.continuationPages > 0 ? ` (${count.continuationPages} extra page${count.continuationPages > 1 ? 's' : ''})` : ''}`;
  const met = rows.every((row) => row.calls.gateway.total === 3 + row.calls.gateway.continuationPages && row.calls.gateway.total === row.calls.rest.total);
  const largest = rows[rows.length - 1];
  const breakdown = largest === undefined
    ? ''
    : Object.entries(largest.calls.naive.byEndpoint).sort(([, a], [, b]) => b - a).map(([endpoint, count]) => `\`${endpoint}\` ${num(count)}`).join(', ');
  const differences = rows.filter((row) => row.naiveDifference !== undefined);
  return [
    table(
      ['orders', 'this gateway', 'hand-written REST', 'naive gateway', 'naive ÷ gateway'],
      rows.map((row) => [num(row.orders), callCell(row.calls.gateway), callCell(row.calls.rest), callCell(row.calls.naive), ratio(row.naiveRatio, 1)]),
    ),
    '',
    `Target "3 calls for ≤ 100 orders, plus one per extra upstream page, same as the hand-written floor": ${verdict(met)}.`,
    'Extra pages: the demo data has one order with more than 100 cancellations, so `GET /fulfillment-cancellations` needs a second page once it is in the page.',
    largest === undefined ? '' : `Naive calls for ${largest.orders} orders by endpoint: ${breakdown}.`,
    differences.length === 0
      ? 'The naive gateway answers exactly the same data as this gateway; REST too (checked field by field).'
      : `REST answers exactly the gateway's data (checked field by field). The naive gateway differs, first at ${differences.map((row) => `${row.orders} orders: \`${row.naiveDifference ?? ''}\``).join('; ')}: `
        + 'it reads a fulfillment order\'s cancellations by `fulfillmentOrderId`, which also finds cancellations created without an order id; '
        + 'the gateway reads them by order (README, "Cancellations without an order id").',
  ].join('\n');
}
