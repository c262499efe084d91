// Benchmark child: sends order-detail views for benchmark 7a in a process of its own, so the clients and the simulator do not share one event loop.
import { serveCommands } from '../lib/child-endpoint';
import { isRecord, numberField } from '../lib/ipc-protocol';
import { runViews, zipfSampler } from './order-view-load';

/** One `run` as the orchestrator asks for it. */
interface RunParams {
  targets: string[];
  /** Order ids by popularity rank. */
  orderIds: string[];
  zipf: number;
  seed: number;
  seconds: number;
  concurrency: number;
  /** `Bearer …` values, one caller each. */
  authorizations: string[];
}

function readParams(raw: unknown): RunParams {
  if (!isRecord(raw) || !Array.isArray(raw.targets) || !Array.isArray(raw.orderIds)) throw new Error('run: expected targets and orderIds arrays');
  return {
    targets: raw.targets.map(String),
    orderIds: raw.orderIds.map(String),
    zipf: numberField(raw, 'zipf'),
    seed: numberField(raw, 'seed'),
    seconds: numberField(raw, 'seconds'),
    concurrency: numberField(raw, 'concurrency'),
    authorizations: Array.isArray(raw.authorizations) ? raw.authorizations.map(String) : [],
  };
}

/**
 * `run`: the views of one window, each as `[rank, startedAt, ms, progress,
 * upstreamCalls, cacheHits]` (compact: a full run holds about 100,000), with
 * the failures and the window's length.
 */
async function run(raw: unknown): Promise<unknown> {
  const params = readParams(raw);
  const rank = zipfSampler(params.orderIds.length, params.zipf, params.seed);
  const rankOf = new Map(params.orderIds.map((id, index) => [id, index]));
  const result = await runViews(params.targets, () => params.orderIds[rank()] as string, {
    seconds: params.seconds, concurrency: params.concurrency, authorizations: params.authorizations,
  });
  return {
    views: result.views.map((view) => [rankOf.get(view.orderId), view.startedAt, Math.round(view.ms * 10) / 10, view.progress, view.upstreamCalls, view.cacheHits]),
    failures: result.failures,
    failureSamples: result.failureSamples,
    seconds: result.seconds,
  };
}

serveCommands({ info: {}, commands: { run }, stop: async () => undefined });
