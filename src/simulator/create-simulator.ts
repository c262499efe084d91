// Starts the upstream simulator: seeds the store, wires the HTTP edge, and returns a handle to stop it.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { FaultInjector } from './faults';
import { createRequestHandler } from './http-server';
import { RateLimiter } from './rate-limiter';
import { RequestLog } from './request-log';
import { Router } from './router';
import { upstreamRoutes } from './routes/upstream.routes';
import { DEFAULT_ORDER_COUNT, DEFAULT_SEED } from './seed';
import { createSeededStore } from './seeded-store';
import type { SimulatorStore } from './store';

/** The API key the simulator accepts unless told otherwise. */
export const DEFAULT_API_KEY = 'sk_test_simulator';

/** How to start a simulator; every field is optional. */
export interface SimulatorOptions {
  /** Port to listen on; default 0 (a free port chosen by the OS). */
  port?: number;
  /** Interface to listen on; default `127.0.0.1`. */
  host?: string;
  /** The confidential key callers must send as `Authorization: Bearer <key>`; default `sk_test_simulator`. */
  apiKey?: string;
  /** PRNG seed of the demo data; default 20240305. */
  seed?: number;
  /** Number of seeded orders; default 300 (0 gives an empty store). */
  orderCount?: number;
  /** Render every cancellation's `createdTime` as the Java date object; default false. */
  javaDates?: boolean;
  /** Fixed delay added to every upstream answer, in ms; default 0. */
  latencyMs?: number;
  /** Per-key requests per second before 429s; default 0 (off). Upstream's test mode allows 25. */
  rateLimitPerSecond?: number;
}

/** A running simulator. */
export interface Simulator {
  /** Base URL, e.g. `http://127.0.0.1:4010` (no trailing slash). */
  url: string;
  port: number;
  /** All state; tests read seeded facts through `store.facts` and the collections. */
  store: SimulatorStore;
  /** Every upstream request served. */
  requestLog: RequestLog;
  /** Armed faults. */
  faults: FaultInjector;
  /** Stops listening, drops open connections and ends pending delays. */
  stop(): Promise<void>;
}

/**
 * Seeds a store and starts serving it over HTTP.
 *
 * @throws TypeError for a negative or non-integer numeric option; rejects when the port cannot be bound.
 */
export async function createSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const {
    port = 0,
    host = '127.0.0.1',
    apiKey = DEFAULT_API_KEY,
    seed = DEFAULT_SEED,
    orderCount = DEFAULT_ORDER_COUNT,
    javaDates = false,
    latencyMs = 0,
    rateLimitPerSecond = 0,
  } = options;
  for (const [name, value] of Object.entries({ port, orderCount, latencyMs, rateLimitPerSecond })) {
    if (!Number.isInteger(value) || value < 0) throw new TypeError(`simulator option ${name} must be a non-negative integer, got ${String(value)}`);
  }
  if (apiKey === '') throw new TypeError('simulator option apiKey must not be empty');

  const render = { javaDates };
  const store = createSeededStore({ seed, orderCount, javaDates });

  const requestLog = new RequestLog();
  const faults = new FaultInjector();
  const stopping = new AbortController();
  const handler = createRequestHandler({
    store,
    router: new Router(upstreamRoutes),
    requestLog,
    faults,
    rateLimiter: new RateLimiter(rateLimitPerSecond),
    render,
    apiKey,
    latencyMs,
    signal: stopping.signal,
  });
  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let stopped: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    store,
    requestLog,
    faults,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        stopping.abort();
        server.close(() => resolve());
        // Keep-alive sockets would otherwise hold `close` open until they time out.
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}
