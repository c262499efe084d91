// Benchmark 3: server CPU, allocation and throughput of the 50-order page under autocannon, for the gateway (cache off), the REST floor and the naive gateway.
import type { AllocationFigures } from '../lib/allocation-meter';
import { asCallCount } from '../lib/call-count';
import { type LoadOptions, type LoadResult, runLoad } from '../lib/autocannon';
import type { ChildHandle } from '../lib/child-process';
import { isRecord, numberField } from '../lib/ipc-protocol';
import { num, ratio, table, verdict } from '../lib/markdown';
import { type TargetKind, pageRequest } from '../lib/order-page';
import { requirePositive, requireThat } from '../lib/validate';
import { GATEWAY_NODE_FLAGS, type ServersUnderTest } from './servers-under-test';

/** Orders on the page under load. */
export const THROUGHPUT_PAGE = 50;

/** The targets of section 3: the gateway's server CPU per page at most this multiple of REST's… */
export const CPU_TARGET = 1.3;
/** …and its requests/s at least this fraction of REST's, in the same run. */
export const RATE_TARGET = 0.8;

/** One server's figures. */
export interface ThroughputRow {
  load: LoadResult;
  /** CPU time of the server process per request (user + system), ms. */
  serverCpuMs: number;
  /** CPU time of the simulator process per request, ms. */
  simulatorCpuMs: number;
  /** Upstream calls per request sent during the run. */
  upstreamCalls: number;
  /** The server's heap allocation and garbage collection during the measured run, per request sent. */
  allocation: AllocationFigures;
  /** Share of the server's CPU time spent in garbage-collection pauses, 0-1. */
  gcShare: number;
}

/** What the throughput benchmark found. */
export interface ThroughputResult {
  options: LoadOptions;
  warmupRequests: number;
  /** Per server, the round with the median requests/s. */
  rows: Record<TargetKind, ThroughputRow>;
  /** Gateway ÷ REST requests/s of each round (the two run back to back in a round). */
  roundRatios: number[];
  /** Gateway ÷ REST server CPU per request of each round. */
  roundCpuRatios: number[];
  /** Requests/s ratios; gateway ÷ REST is the median of the rounds. */
  gatewayToRest: number;
  /** Server CPU per request, gateway ÷ REST: the median of the rounds (the headline). */
  gatewayToRestCpu: number;
  gatewayToNaive: number;
  /** Placement of the processes, in words. */
  placement: string;
}

async function cpuOf(child: ChildHandle): Promise<number> {
  return numberField(await child.command('cpu'), 'totalMs');
}

/** The child's `allocationStop` answer, divided by `requests`. */
function allocationPer(reply: unknown, requests: number): AllocationFigures {
  if (!isRecord(reply)) throw new TypeError('allocationStop answered no object');
  return {
    allocatedBytes: numberField(reply, 'allocatedBytes') / requests,
    promotedBytes: numberField(reply, 'promotedBytes') / requests,
    scavenges: numberField(reply, 'scavenges') / requests,
    fullCollections: numberField(reply, 'fullCollections') / requests,
    gcPauseMs: numberField(reply, 'gcPauseMs') / requests,
  };
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
  const server = set.servers[kind];
  await server.command('allocationStart');
  const serverBefore = await cpuOf(server);
  const simulatorBefore = await cpuOf(set.simulator);
  const load = await runLoad(request, options);
  await settle(set);
  const serverCpu = (await cpuOf(server)) - serverBefore;
  const simulatorCpu = (await cpuOf(set.simulator)) - simulatorBefore;
  const allocation = allocationPer(await server.command('allocationStop'), load.sent);
  const calls = asCallCount(await set.simulator.command('calls'));
  await set.simulator.command('clear');
  requireThat(calls.failed === 0, `${kind}: ${calls.failed} upstream calls failed under load`);
  // Per request sent: the last ones were answered after autocannon stopped listening, but their work is in the CPU time.
  const serverCpuMs = requirePositive(serverCpu / load.sent, `${kind} CPU ms per request`);
  return {
    load,
    serverCpuMs,
    simulatorCpuMs: requirePositive(simulatorCpu / load.sent, `simulator CPU ms per ${kind} request`),
    upstreamCalls: requirePositive(calls.total / load.sent, `${kind} upstream calls per request`),
    allocation: { ...allocation, allocatedBytes: requirePositive(allocation.allocatedBytes, `${kind} bytes allocated per request`) },
    gcShare: allocation.gcPauseMs / serverCpuMs,
  };
}

/**
 * Loads each server in turn: `warmupRequests` unmeasured requests, then the
 * measured run. CPU time is read from the server's and the simulator's own
 * `process.cpuUsage()` around the run and divided by the requests sent; the
 * server's heap allocation and collections are read from its own GC profile
 * over the same span (`allocationStart`/`allocationStop`). Every run must be
 * free of errors, timeouts and non-2xx answers.
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
  const roundCpuRatios = gatewayRuns.map((run, index) => run.serverCpuMs / (restRuns[index] as ThroughputRow).serverCpuMs);
  return {
    options,
    warmupRequests,
    rows,
    roundRatios,
    roundCpuRatios,
    gatewayToRest: requirePositive(median(roundRatios), 'gateway/REST'),
    gatewayToRestCpu: requirePositive(median(roundCpuRatios), 'gateway/REST CPU'),
    gatewayToNaive: requirePositive(rows.gateway.load.requestsPerSecond / rows.naive.load.requestsPerSecond, 'gateway/naive'),
    placement,
  };
}

/** The report section. */
export function renderThroughput(result: ThroughputResult): string {
  const kb = (bytes: number): string => `${num(bytes / 1024)} KB`;
  const row = (label: string, kind: TargetKind): string[] => {
    const figures = result.rows[kind];
    return [
      label,
      num(figures.serverCpuMs, 2),
      num(figures.load.requestsPerSecond, 1),
      `${num(figures.load.latencyP50Ms)} ms`,
      `${num(figures.load.latencyP99Ms)} ms`,
      kb(figures.allocation.allocatedBytes),
      kb(figures.allocation.promotedBytes),
      `${num(figures.gcShare * 100, 1)} %`,
      num(figures.simulatorCpuMs, 2),
      num(figures.upstreamCalls, 1),
    ];
  };
  const { gateway, rest, naive } = result.rows;
  const cpuMet = result.gatewayToRestCpu <= CPU_TARGET;
  const rateMet = result.gatewayToRest >= RATE_TARGET;
  return [
    `${THROUGHPUT_PAGE}-order page, no added upstream latency, autocannon with ${result.options.connections} connections for ${result.options.durationSeconds} s `
      + `after ${result.warmupRequests} unmeasured requests, one server at a time; the gateway and the REST endpoint alternate for ${result.roundRatios.length} `
      + `round${result.roundRatios.length === 1 ? '' : 's'} (each row shows its median round; the naive gateway runs once). The gateway runs as \`npm start\` runs it `
      + `(\`node ${GATEWAY_NODE_FLAGS.join(' ')}\`; the REST endpoint and the naive gateway with Node's defaults) and with the `
      + 'cross-request cache off (`CACHE_TTL_SECONDS=0`): the REST endpoint has none, so both make the same upstream calls and parse the same JSON. '
      + `${result.placement} Server CPU is the server process's own user + system time over the run, per request sent: the headline, as requests/s depends `
      + 'on which process saturates first on two cores. Allocation, promotion and GC pauses come from the server\'s own V8 GC profile over the same run '
      + '(heap bytes allocated between collections; bytes moved to the old generation by young collections; the wall-clock time of GC pauses on the main thread ÷ CPU time, which a busy machine inflates: section 3b gives the sampled share).',
    '',
    table(
      ['server', 'server CPU ms/request', 'requests/s', 'p50', 'p99', 'allocated/request', 'promoted/request', 'GC pauses ÷ CPU', 'simulator CPU ms/request', 'upstream calls/request'],
      [row('this gateway', 'gateway'), row('hand-written REST', 'rest'), row('naive gateway', 'naive')],
    ),
    '',
    table(
      ['ratio', 'server CPU per request', 'requests/s'],
      [
        ['gateway ÷ REST (median of rounds)', ratio(result.gatewayToRestCpu), ratio(result.gatewayToRest)],
        ['gateway ÷ naive', ratio(gateway.serverCpuMs / naive.serverCpuMs), ratio(result.gatewayToNaive)],
      ],
    ),
    '',
    `Gateway ÷ REST per round: server CPU ${result.roundCpuRatios.map((value) => ratio(value)).join(', ')} (median ${ratio(result.gatewayToRestCpu)}); `
      + `requests/s ${result.roundRatios.map((value) => ratio(value)).join(', ')} (median ${ratio(result.gatewayToRest)}).`,
    `Targets, same run: "gateway server CPU ≤ ${num(CPU_TARGET, 1)} × REST's" ${verdict(cpuMet)} (${ratio(result.gatewayToRestCpu)}); `
      + `"gateway requests/s ≥ ${num(RATE_TARGET, 1)} × REST's" ${verdict(rateMet)} (${ratio(result.gatewayToRest)}). `
      + `Allocation per request: gateway ${kb(gateway.allocation.allocatedBytes)}, REST ${kb(rest.allocation.allocatedBytes)}; `
      + `GC pauses ÷ CPU: gateway ${num(gateway.gcShare * 100, 1)} %, REST ${num(rest.gcShare * 100, 1)} %. `
      + `Against the naive gateway: ${ratio(result.gatewayToNaive)} the requests per second, at ${ratio(gateway.serverCpuMs / naive.serverCpuMs)} its CPU per request.`,
    `Command (gateway run): \`${gateway.load.command}\`.`,
  ].join('\n');
}
