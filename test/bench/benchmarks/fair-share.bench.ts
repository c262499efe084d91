// Benchmark 7b: one caller's single-order queries, idle and while another caller bursts through the upstream budget, with fair share on and off.
import { randomUUID } from 'node:crypto';

import { Agent, request } from 'undici';

import { mintToken } from '../../../src/auth/mint-token';
import { type GatewayProcess, startGatewayProcess } from '../../helpers/gateway-process';
import { launchChild } from '../lib/child-process';
import { stringField } from '../lib/ipc-protocol';
import { num, ratio, table, verdict } from '../lib/markdown';
import { type LatencySummary, summarise } from '../lib/stats';
import { requirePositive, requireThat } from '../lib/validate';
import { UPSTREAM_LATENCY_MS } from './latency.bench';
import { benchScript } from './servers-under-test';

/**
 * Upstream requests per second the gateway may send in this section
 * (UPSTREAM_RATE_LIMIT): the default, upstream's test-mode limit, where the
 * issue saw a one-order query go from ~10 ms to 1.8 s.
 */
export const FAIR_SHARE_RATE_LIMIT = 25;
/** The bursting caller's requests in flight: far more than the budget serves in a second, so it always has calls waiting. */
const BURST_CONCURRENCY = 32;
/**
 * One single-order query every this many ms: a person paging through an app,
 * not a second burst. Its 2 calls a second fit in the fifth of each window
 * the share keeps free (5 of 25 tokens per 1.1 s).
 */
const SINGLE_EVERY_MS = 1_000;
/** The burst runs this long before the single-order queries are timed, so the budget is contended from the first sample. */
const BURST_LEAD_MS = 1_500;

/** The bursting caller's query: a 100-order page, one upstream list call each, asked for again as soon as it is answered. */
const BURST_QUERY = '{ orders(first: 100) { nodes { id state } } }';
/** The other caller's query: one order with its fulfillment orders, two upstream calls (the order, then its fulfillment orders). */
const SINGLE_QUERY = 'query($id: ID!) { order(id: $id) { id state fulfillmentOrders { id state } } }';

/** One series of single-order queries. */
export interface SingleSeries {
  latency: LatencySummary;
  /** Queries answered with an error (UPSTREAM_RATE_LIMITED when the budget made them wait past 2 s). */
  failed: number;
}

/** One gateway configuration, idle and under the burst. */
export interface FairShareRun {
  idle: SingleSeries;
  burst: SingleSeries;
  /** The bursting caller's pages served per second while the single-order queries were timed, and how many it was refused. */
  burstPagesPerSecond: number;
  burstRefused: number;
}

/** What the section measured. */
export interface FairShareResult {
  samples: number;
  on: FairShareRun;
  off: FairShareRun;
}

interface Answer {
  ok: boolean;
  ms: number;
}

/**
 * Runs the section: per setting of UPSTREAM_FAIR_SHARE, a gateway process
 * (auth on, both callers admins so the caller cost rate stays out of the
 * way, the cache off so every query spends the budget) against one
 * simulator; `samples` single-order queries timed alone, then as many while
 * the other caller keeps {@link BURST_CONCURRENCY} pages in flight.
 *
 * @throws BenchmarkError when a page or query fails for another reason than the budget.
 */
export async function measureFairShare(samples: number): Promise<FairShareResult> {
  const secret = randomUUID();
  // The simulator in a process of its own, as in the latency section: its event loop is not the load generator's.
  const simulator = await launchChild({ name: 'simulator', script: benchScript('servers', 'simulator-server'), params: { latencyMs: UPSTREAM_LATENCY_MS } });
  const upstreamUrl = stringField(simulator.info, 'url');
  const agent = new Agent({ connections: BURST_CONCURRENCY + 4, pipelining: 1 });
  try {
    const tokens = {
      burst: await mintToken(secret, { sub: 'bench-burst', role: 'admin' }, '2h'),
      single: await mintToken(secret, { sub: 'bench-single', role: 'admin' }, '2h'),
    };
    const run = async (fairShare: 'on' | 'off'): Promise<FairShareRun> => {
      const gateway = await startGatewayProcess({
        DR_API_BASE_URL: upstreamUrl, DR_API_KEY: stringField(simulator.info, 'apiKey'), AUTH_JWT_SECRET: secret,
        UPSTREAM_RATE_LIMIT: String(FAIR_SHARE_RATE_LIMIT), UPSTREAM_FAIR_SHARE: fairShare, CACHE_TTL_SECONDS: '0', LOG_LEVEL: 'info',
      });
      try {
        return await measureOne(gateway, agent, tokens, samples);
      } finally {
        await gateway.stop();
      }
    };
    const on = await run('on');
    // A window's pause, so the second gateway starts on an untouched upstream budget.
    await sleep(1_500);
    const off = await run('off');
    return { samples, on, off };
  } finally {
    await agent.close();
    await simulator.stop();
  }
}

async function measureOne(gateway: GatewayProcess, agent: Agent, tokens: { burst: string; single: string }, samples: number): Promise<FairShareRun> {
  const post = async (token: string, query: string, variables: Record<string, unknown> = {}): Promise<Answer & { data: unknown }> => {
    const started = performance.now();
    const response = await request(`${gateway.url}/graphql`, {
      method: 'POST', dispatcher: agent,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.body.json() as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
    const ms = performance.now() - started;
    const codes = (body.errors ?? []).map((error) => error.extensions?.code);
    // The budget's own refusal is what this section is about; anything else is a broken benchmark.
    if (codes.some((code) => code !== 'UPSTREAM_RATE_LIMITED')) throw new Error(`unexpected answer ${response.statusCode}: ${JSON.stringify(body).slice(0, 300)}`);
    return { ok: codes.length === 0, ms, data: body.data };
  };
  const series = async (): Promise<SingleSeries> => {
    const answers: Answer[] = [];
    for (let index = 0; index < samples; index += 1) {
      const began = performance.now();
      answers.push(await post(tokens.single, SINGLE_QUERY, { id: orderIds[index % orderIds.length] }));
      await sleep(Math.max(0, SINGLE_EVERY_MS - (performance.now() - began)));
    }
    return { latency: summarise(answers.map((answer) => answer.ms), 'single-order query latency'), failed: answers.filter((answer) => !answer.ok).length };
  };

  // Warm-up: the first requests of a fresh process compile plans and open sockets; B's orders are the first 20 that have fulfillment orders.
  const listed = await post(tokens.single, '{ orders(first: 40) { nodes { id fulfillmentOrders { id } } } }');
  const orderIds = ((listed.data as { orders?: { nodes?: Array<{ id: string; fulfillmentOrders: unknown[] | null }> } } | null)?.orders?.nodes ?? [])
    .filter((order) => (order.fulfillmentOrders?.length ?? 0) > 0).slice(0, 20).map((order) => order.id);
  requireThat(orderIds.length > 0, 'no order with fulfillment orders among the first 40');
  for (let index = 0; index < 3; index += 1) await post(tokens.single, SINGLE_QUERY, { id: orderIds[0] });
  await post(tokens.burst, BURST_QUERY);
  // The warm-up spent budget: a window's pause, then the idle series starts on a quiet budget.
  await sleep(1_200);
  const idle = await series();

  let bursting = true;
  let pages = 0;
  let refused = 0;
  let countFrom = Number.POSITIVE_INFINITY;
  const loops = Array.from({ length: BURST_CONCURRENCY }, async () => {
    while (bursting) {
      const answer = await post(tokens.burst, BURST_QUERY);
      if (performance.now() < countFrom) continue;
      if (answer.ok) pages += 1;
      else refused += 1;
    }
  });
  await sleep(BURST_LEAD_MS);
  countFrom = performance.now();
  const burst = await series();
  const seconds = (performance.now() - countFrom) / 1000;
  bursting = false;
  await Promise.all(loops);
  return { idle, burst, burstPagesPerSecond: requirePositive(pages / seconds, 'burst pages per second'), burstRefused: refused };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The report section. */
export function renderFairShare(result: FairShareResult): string {
  const row = (label: string, run: FairShareRun): string[] => [
    label,
    `${num(run.idle.latency.p50, 1)} ms`,
    `${num(run.idle.latency.p99, 1)} ms`,
    `${num(run.burst.latency.p50, 1)} ms`,
    `${num(run.burst.latency.p99, 1)} ms`,
    ratio(run.burst.latency.p50 / run.idle.latency.p50),
    `${num(run.idle.failed)} / ${num(run.burst.failed)}`,
    `${num(run.burstPagesPerSecond, 1)} (${num(run.burstRefused)} refused)`,
  ];
  const within = result.on.burst.latency.p50 <= 2 * result.on.idle.latency.p50;
  return [
    `One gateway process (\`node dist/src/main.js\`, \`UPSTREAM_RATE_LIMIT=${FAIR_SHARE_RATE_LIMIT}\`, auth on, \`CACHE_TTL_SECONDS=0\` so every query spends the budget) `
      + `against the simulator (its own process) adding ${UPSTREAM_LATENCY_MS} ms to every answer, as in section 2. Caller B (token \`sub\` bench-single) sends \`order(id)\` with its fulfillment orders `
      + `(2 upstream calls) once every ${SINGLE_EVERY_MS} ms, ${num(result.samples)} times alone ("idle") and ${num(result.samples)} times while caller A (bench-burst) `
      + `keeps ${BURST_CONCURRENCY} \`orders(first: 100)\` pages in flight, asking again as each is answered, from ${num(BURST_LEAD_MS)} ms before the first timed query. `
      + 'Both are admins, so the caller cost rate stays out of the way. `UPSTREAM_FAIR_SHARE=off` is the first-come, first-served budget of before.',
    '',
    table(
      ['UPSTREAM_FAIR_SHARE', 'B idle p50', 'B idle p99', 'B under burst p50', 'B under burst p99', 'burst p50 ÷ idle p50', 'B failed (idle / burst)', 'A pages/s'],
      [row('on', result.on), row('off', result.off)],
    ),
    '',
    `Target "under another caller's burst, a single-order query's p50 stays within 2× its p50 on an idle gateway" (fair share on): ${verdict(within)} `
      + `(${ratio(result.on.burst.latency.p50 / result.on.idle.latency.p50)}).`,
    'Why both mechanisms: the budget is a sliding window, so a burst that took the whole window gets its tokens back all at once a window later, '
      + 'and a caller served "in turn" would still wait for that next window (up to 1.1 s). Turns bound the wait in slots; the share (no caller holds more than 80% '
      + 'of a window while another has asked in the last 10 s) keeps a fifth of every window free, so B\'s next call finds a token at once. A pays for it with at most '
      + 'a fifth of the budget while someone else is about, and gets it all back when alone. What B still loses under the burst is CPU, not budget: '
      + 'A\'s tokens come back a window at a time, so up to 20 pages of 100 orders (about 390 KB of upstream JSON each) arrive at the gateway together, '
      + 'and B\'s request waits for the event loop behind them (on this shared 2-core machine, with other processes running).',
  ].join('\n');
}
