// Benchmark 3: throughput of the 50-order page under autocannon, with server CPU per request, for the gateway, the REST floor and the naive gateway.
import { asCallCount } from '../lib/call-count';
import { type LoadOptions, type LoadResult, runLoad } from '../lib/autocannon';
import type { ChildHandle } from '../lib/child-process';
import { numberField } from '../lib/ipc-protocol';
import { num, ratio, table, verdict } from '../lib/markdown';
import { type TargetKind, pageRequest } from '../lib/order-page';
import { requirePositive, requireThat } from '../lib/validate';
import type { ServersUnderTest } from './servers-under-test';

/** Orders on the page under load. */
export const THROUGHPUT_PAGE = 50;

/** One server's figures. */
export interface ThroughputRow {
  load: LoadResult;
  /** CPU time of the server process per request (user + system), ms. */
  serverCpuMs: number;
  /** CPU time of the simulator process per request, ms. */
  simulatorCpuMs: number;
  /** Upstream calls per request sent during the run. */
  upstreamCalls: number;
}

/** What the throughput benchmark found. */
export interface ThroughputResult {
  options: LoadOptions;
  warmupRequests: number;
  /** Per server, the round with the median requests/s. */
  rows: Record<TargetKind, ThroughputRow>;
  /** Gateway ÷ REST requests/s of each round (the two run back to back in a round). */
  roundRatios: number[];
  /** Requests/s ratios; gateway ÷ REST is the median of the rounds. */
  gatewayToRest: number;
  gatewayToNaive: number;
  /** Placement of the processes, in words. */
  placement: string;
}

async function cpuOf(child: ChildHandle): Promise<number> {
  return numberField(await child.command('cpu'), 'totalMs');
}

/**
 * Waits until the simulator's call count stops growing (read every 250 ms,
 * at most 15 s): requests that were in flight when autocannon stopped are
 * finished by then, so their CPU time is counted with them.
 */
async function settle(set: ServersUnderTest): Promise<number> {
  let last = -1;
  for (let waited = 0; waited < 15_000; waited += 250) {
    const now = asCallCount(await set.simulator.command('calls')).total;
    if (now === last) return now;
    last = now;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return last;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] as number;
}

/** The run with the median requests/s (the lower middle one for an even count). */
function medianRun(runs: readonly ThroughputRow[]): ThroughputRow {
  const sorted = [...runs].sort((a, b) => a.load.requestsPerSecond - b.load.requestsPerSecond);
  return sorted[Math.floor((sorted.length - 1) / 2)] as ThroughputRow;
}

/** Warms one server up, then loads it and reads its and the simulator's CPU time around the measured run. */
async function loadOne(set: ServersUnderTest, kind: TargetKind, options: LoadOptions, warmupRequests: number): Promise<ThroughputRow> {
  const request = pageRequest(set.targets[kind], THROUGHPUT_PAGE);
  if (warmupRequests > 0) await runLoad(request, { ...options, amount: warmupRequests });
  await set.simulator.command('clear');
  const serverBefore = await cpuOf(set.servers[kind]);
  const simulatorBefore = await cpuOf(set.simulator);
  const load = await runLoad(request, options);
  await settle(set);
  const serverCpu = (await cpuOf(set.servers[kind])) - serverBefore;
  const simulatorCpu = (await cpuOf(set.simulator)) - simulatorBefore;
  const calls = asCallCount(await set.simulator.command('calls'));
  await set.simulator.command('clear');
  requireThat(calls.failed === 0, `${kind}: ${calls.failed} upstream calls failed under load`);
  // Per request sent: the last ones were answered after autocannon stopped listening, but their work is in the CPU time.
  return {
    load,
    serverCpuMs: requirePositive(serverCpu / load.sent, `${kind} CPU ms per request`),
    simulatorCpuMs: requirePositive(simulatorCpu / load.sent, `simulator CPU ms per ${kind} request`),
    upstreamCalls: requirePositive(calls.total / load.sent, `${kind} upstream calls per request`),
  };
}

/**
 * Loads each server in turn: `warmupRequests` unmeasured requests, then the
 * measured run. CPU time is read from the server's and the simulator's own
 * `process.cpuUsage()` around the run and divided by the requests sent. Every run must be free of errors, timeouts and non-2xx answers.
 *
 * @throws BenchmarkError otherwise, or for a zero figure.
 */
export async function measureThroughput(
  set: ServersUnderTest,
  options: LoadOptions,
  warmupRequests: number,
  placement: string,
  rounds: number,
): Promise<ThroughputResult> {
  requireThat(Number.isInteger(rounds) && rounds >= 1, `rounds must be a positive integer, got ${rounds}`);
  // Gateway and REST alternate, so a slow spell of the machine hits both alike;
  // the ratio is taken per round and its median reported.
  const gatewayRuns: ThroughputRow[] = [];
  const restRuns: ThroughputRow[] = [];
  for (let round = 0; round < rounds; round += 1) {
    gatewayRuns.push(await loadOne(set, 'gateway', options, round === 0 ? warmupRequests : 0));
    restRuns.push(await loadOne(set, 'rest', options, round === 0 ? warmupRequests : 0));
  }
  const rows = {
    gateway: medianRun(gatewayRuns),
    rest: medianRun(restRuns),
    naive: await loadOne(set, 'naive', options, warmupRequests),
  };
  const roundRatios = gatewayRuns.map((run, index) => run.load.requestsPerSecond / (restRuns[index] as ThroughputRow).load.requestsPerSecond);
  return {
    options,
    warmupRequests,
    rows,
    roundRatios,
    gatewayToRest: requirePositive(median(roundRatios), 'gateway/REST'),
    gatewayToNaive: requirePositive(rows.gateway.load.requestsPerSecond / rows.naive.load.requestsPerSecond, 'gateway/naive'),
    placement,
  };
}

/** The report section. */
export function renderThroughput(result: ThroughputResult): string {
  const row = (label: string, kind: TargetKind): string[] => {
    const figures = result.rows[kind];
    return [
      label,
      num(figures.load.requestsPerSecond, 1),
      `${num(figures.load.latencyP50Ms)} ms`,
      `${num(figures.load.latencyP99Ms)} ms`,
      num(figures.serverCpuMs, 2),
      num(figures.simulatorCpuMs, 2),
      num(figures.upstreamCalls, 1),
    ];
  };
  const { gateway, rest, naive } = result.rows;
  return [
    `${THROUGHPUT_PAGE}-order page, no added upstream latency, autocannon with ${result.options.connections} connections for ${result.options.durationSeconds} s `
      + `after ${result.warmupRequests} unmeasured requests, one server at a time; the gateway and the REST endpoint alternate for ${result.roundRatios.length} `
      + `round${result.roundRatios.length === 1 ? '' : 's'} (each row shows its median round; the naive gateway runs once). ${result.placement}`,
    '',
    table(
      ['server', 'requests/s', 'p50', 'p99', 'server CPU ms/request', 'simulator CPU ms/request', 'upstream calls/request'],
      [row('this gateway', 'gateway'), row('hand-written REST', 'rest'), row('naive gateway', 'naive')],
    ),
    '',
    table(
      ['ratio', 'requests/s', 'server CPU per request'],
      [
        ['gateway ÷ REST (median of rounds)', ratio(result.gatewayToRest), ratio(gateway.serverCpuMs / rest.serverCpuMs)],
        ['gateway ÷ naive', ratio(result.gatewayToNaive), ratio(gateway.serverCpuMs / naive.serverCpuMs)],
      ],
    ),
    '',
    `Gateway ÷ REST requests/s per round: ${result.roundRatios.map((value) => ratio(value)).join(', ')}; median ${ratio(result.gatewayToRest)}.`,
    `Target "gateway throughput ≥ 0.7 × REST": ${verdict(result.gatewayToRest >= 0.7)} (${ratio(result.gatewayToRest)}). `
      + `Against the naive gateway: ${ratio(result.gatewayToNaive)} the requests per second, at ${ratio(gateway.serverCpuMs / naive.serverCpuMs)} its CPU per request.`,
    `Command (gateway run): \`${gateway.load.command}\`.`,
  ].join('\n');
}
