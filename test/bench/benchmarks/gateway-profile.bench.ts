// Where the gateway's CPU goes under the throughput load: a `node --cpu-prof` run of the gateway child, summarised by cost bucket and function.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type LoadOptions, type LoadResult, runLoad } from '../lib/autocannon';
import { type ChildHandle, launchChild, stopAll } from '../lib/child-process';
import { stringField } from '../lib/ipc-protocol';
import { num, table } from '../lib/markdown';
import { type ProfileBucket, type ProfileSummary, summariseProfile } from '../lib/cpu-profile';
import { pageRequest } from '../lib/order-page';
import { requireThat } from '../lib/validate';
import type { Placement } from './servers-under-test';
import { GATEWAY_NODE_FLAGS, SERVER_ENV, benchScript } from './servers-under-test';
import { THROUGHPUT_PAGE } from './throughput.bench';

/** The profile and the load it was taken under. */
export interface ProfileResult {
  load: LoadResult;
  summary: ProfileSummary;
}

const inPackage = (name: string) => (frame: { url: string }): boolean => frame.url.includes(`node_modules/${name}/`);

/** The cost buckets, most specific first. */
export const GATEWAY_BUCKETS: readonly ProfileBucket[] = [
  { label: 'garbage collection', test: (frame) => frame.functionName === '(garbage collector)' },
  { label: 'idle (waiting for I/O)', test: (frame) => frame.functionName === '(idle)' },
  { label: 'JSON.parse of upstream bodies (src/upstream/client.ts parseJson)', test: (frame) => frame.functionName === 'parseJson' && frame.url.includes('src/upstream/') },
  { label: 'JSON.stringify of the response (Apollo prettyJSONStringify)', test: (frame) => frame.functionName === 'prettyJSONStringify' },
  {
    label: "Apollo's per-field hooks (schema instrumentation + the default cache-control plugin)",
    test: (frame) => frame.url.includes('@apollo/server/') && (frame.url.includes('schemaInstrumentation') || frame.url.includes('plugin/cacheControl')),
  },
  { label: 'graphql-js execution (per field: resolve, complete, arguments)', test: inPackage('graphql') },
  { label: 'type-graphql resolver wrappers', test: inPackage('type-graphql') },
  { label: 'Apollo Server, other', test: inPackage('@apollo/server') },
  { label: 'undici (upstream HTTP client)', test: inPackage('undici') },
  { label: 'gateway code (dist/src: mappers, loaders, resolvers, upstream)', test: (frame) => frame.url.includes('/dist/src/') },
  { label: 'other packages (dataloader, lru-cache, prom-client, pino, …)', test: (frame) => frame.url.includes('node_modules/') },
];

/**
 * Runs the gateway (alone, with `--cpu-prof`) against its own simulator under
 * the throughput load, stops it so the profile is written, and summarises it.
 *
 * @throws BenchmarkError when the load fails or no single profile was written.
 */
export async function profileGateway(options: LoadOptions, placement: Placement): Promise<ProfileResult> {
  const directory = mkdtempSync(join(tmpdir(), 'gateway-profile-'));
  const children: ChildHandle[] = [];
  try {
    const simulator = await launchChild({ name: 'simulator', script: benchScript('servers', 'simulator-server'), ...(placement.simulator === undefined ? {} : { cpus: placement.simulator }) });
    children.push(simulator);
    const gateway = await launchChild({
      name: 'gateway (profiled)',
      script: benchScript('servers', 'gateway-server'),
      params: { upstreamUrl: stringField(simulator.info, 'url'), apiKey: stringField(simulator.info, 'apiKey'), webhookSecret: `whsec_${randomUUID()}`, cacheTtlSeconds: 0 },
      nodeFlags: [...GATEWAY_NODE_FLAGS, '--cpu-prof', `--cpu-prof-dir=${directory}`],
      env: SERVER_ENV,
      ...(placement.server === undefined ? {} : { cpus: placement.server }),
    });
    children.push(gateway);
    const request = pageRequest({ kind: 'gateway', url: stringField(gateway.info, 'url') }, THROUGHPUT_PAGE);
    await runLoad(request, { ...options, amount: options.connections * 5 });
    const load = await runLoad(request, options);
    await stopAll(children.splice(0));
    const files = readdirSync(directory).filter((file) => file.endsWith('.cpuprofile'));
    requireThat(files.length === 1, `expected one .cpuprofile from the gateway, found ${files.length}`);
    return { load, summary: summariseProfile(join(directory, files[0] as string), GATEWAY_BUCKETS) };
  } finally {
    await stopAll(children);
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The report section. */
export function renderProfile(result: ProfileResult): string {
  const percent = (share: number): string => `${num(share * 100, 1)} %`;
  return [
    `\`node --cpu-prof\` on the gateway process for the whole ${result.load.requests}-request throughput run `
      + `(${num(result.load.requestsPerSecond, 1)} requests/s, same load, placement, flags and \`CACHE_TTL_SECONDS=0\` as above; start-up included), `
      + `self time in ${num(result.summary.totalMs / 1000, 1)} s of samples:`,
    '',
    table(['where', 'share of the gateway process'], result.summary.buckets.map((bucket) => [bucket.name, percent(bucket.share)])),
    '',
    'Heaviest functions by self time:',
    '',
    table(['function', 'self time'], result.summary.functions.map((entry) => [`\`${entry.name}\``, percent(entry.share)])),
  ].join('\n');
}
