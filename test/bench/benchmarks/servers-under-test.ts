// Starts the simulator and the three servers under test (gateway, naive gateway, REST endpoint), each in its own process.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

import { type ChildHandle, launchChild, stopAll } from '../lib/child-process';
import { stringField } from '../lib/ipc-protocol';
import type { Target, TargetKind } from '../lib/order-page';

/** Where each process runs (`taskset -c` lists), for the report; unset means unpinned. */
export interface Placement {
  simulator?: string;
  server?: string;
}

/**
 * The servers under test run as deployed: NODE_ENV=production, which graphql-js
 * and Apollo read from the process environment (graphql-js otherwise checks
 * every `instanceof` for duplicate module copies). The gateway's own
 * configuration comes from `loadConfig` with an explicit map, without NODE_ENV.
 */
export const SERVER_ENV: Readonly<Record<string, string>> = { NODE_ENV: 'production' };

/**
 * The V8 flags `npm start` runs the gateway with (package.json), so the
 * benchmarks measure it as deployed: a 64 MiB young generation. With V8's
 * 16 MiB default, a page request under load lives across two young
 * collections, and everything it still referenced was promoted and left for
 * full collections (about 0.6 MB per order page, a quarter of the gateway's
 * CPU). The REST endpoint keeps Node's defaults: its requests end within one
 * collection, and a larger young generation measured slower for it (rarer
 * scavenges let its response buffers' external memory pile up into full
 * collections).
 */
export const GATEWAY_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];

/** The running set. */
export interface ServersUnderTest {
  simulator: ChildHandle;
  servers: Record<TargetKind, ChildHandle>;
  targets: Record<TargetKind, Target>;
  stop(): Promise<void>;
}

/** The compiled scripts live next to this file's directory (`dist/test/bench/servers`). */
export function benchScript(folder: string, name: string): string {
  return join(__dirname, '..', folder, `${name}.js`);
}

/**
 * Starts a simulator with `latencyMs` added to every answer, then the three
 * servers against it. Stops whatever started when a later start fails.
 */
export async function startServersUnderTest(latencyMs: number, placement: Placement = {}, gatewayFlags: readonly string[] = GATEWAY_NODE_FLAGS): Promise<ServersUnderTest> {
  const started: ChildHandle[] = [];
  try {
    const simulator = await launchChild({
      name: 'simulator',
      script: benchScript('servers', 'simulator-server'),
      params: { latencyMs },
      ...(placement.simulator === undefined ? {} : { cpus: placement.simulator }),
    });
    started.push(simulator);
    const upstream = { upstreamUrl: stringField(simulator.info, 'url'), apiKey: stringField(simulator.info, 'apiKey') };
    const start = async (kind: TargetKind, script: string, params: object, nodeFlags: readonly string[] = []): Promise<ChildHandle> => {
      const child = await launchChild({
        name: kind,
        script: benchScript('servers', script),
        params,
        nodeFlags,
        env: SERVER_ENV,
        ...(placement.server === undefined ? {} : { cpus: placement.server }),
      });
      started.push(child);
      return child;
    };
    // Cache off: the REST endpoint and the naive gateway keep nothing between requests, so every comparison does the same work.
    const gateway = await start('gateway', 'gateway-server', { ...upstream, webhookSecret: `whsec_${randomUUID()}`, cacheTtlSeconds: 0 }, gatewayFlags);
    const naive = await start('naive', 'naive-server', upstream);
    const rest = await start('rest', 'rest-server', upstream);
    const servers = { gateway, naive, rest };
    const targets = {
      gateway: { kind: 'gateway', url: stringField(gateway.info, 'url') },
      naive: { kind: 'naive', url: stringField(naive.info, 'url') },
      rest: { kind: 'rest', url: stringField(rest.info, 'url') },
    } satisfies Record<TargetKind, Target>;
    return { simulator, servers, targets, stop: () => stopAll(started) };
  } catch (error) {
    await stopAll(started);
    throw error;
  }
}
