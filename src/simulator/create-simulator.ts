// Starts the upstream simulator: seeds the store, wires the HTTP edge, and returns a handle to stop it.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { EventPublisher } from './event-publisher';
import { FaultInjector } from './faults';
import { Fulfiller, type FulfillerOutcome, isFulfillerOutcome } from './fulfiller';
import { FulfillmentProcessor } from './fulfillment-processor';
import { createRequestHandler } from './http-server';
import { IdempotencyCache } from './idempotency';
import { Prng } from './prng';
import { RateLimiter } from './rate-limiter';
import { RequestLog } from './request-log';
import { Router } from './router';
import { upstreamRoutes } from './routes/upstream.routes';
import { Scheduler } from './scheduler';
import { DEFAULT_ORDER_COUNT, DEFAULT_SEED } from './seed';
import { createSeededStore } from './seeded-store';
import type { SimulatorStore } from './store';
import { type WebhookDelivery, WebhookSender } from './webhook-sender';

/** The API key the simulator accepts unless told otherwise. */
export const DEFAULT_API_KEY = 'sk_test_simulator';

/** The webhook signing secret unless told otherwise. */
export const DEFAULT_WEBHOOK_SECRET = 'whsec_simulator';

// Mixed into the seed for the fulfiller's own generator, so its draws never shift the ids.
const FULFILLER_SEED_SALT = 0x5eed_f00d;

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
  /** How long a new fulfillment cancellation stays `pending` before the fulfiller decides it; default 3000 ms. */
  fulfillerDelayMs?: number;
  /**
   * How the fulfiller decides: `accept`, `partial`, `reject`, or `random` (the default: seeded,
   * about 60% accept, 15% partial, 25% reject). A cancellation `reason` of `test_accept`,
   * `test_partial` or `test_reject` always gets that outcome.
   */
  fulfillerOutcome?: FulfillerOutcome;
  /** How long captures and cancels stay `pending` before they complete; default 500 ms. */
  settleDelayMs?: number;
  /**
   * Active webhook signing secrets, one `v0=` signature each; default `['whsec_simulator']`.
   * An empty array sends deliveries without a `DigitalRiver-Signature` header.
   */
  webhookSecrets?: readonly string[];
  /** A webhook delivery must get its 2xx within this long; default 3000 ms (§12.2). */
  webhookTimeoutMs?: number;
  /** Wait before the first retry of a failed delivery, doubling each time, plus jitter; default 1000 ms. */
  webhookRetryBaseMs?: number;
  /** Delivery attempts per event and webhook, the first included; default 4 (upstream's test mode). */
  webhookMaxAttempts?: number;
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
  /** The simulated fulfiller; `fulfiller.decideNow(cancellationId, outcome?)` decides a pending cancellation at once. */
  fulfiller: Fulfiller;
  /** Every webhook delivery attempt so far, oldest first (a fresh copy on each read). */
  readonly webhookDeliveries: readonly WebhookDelivery[];
  /** Errors thrown by background work (decisions, settlements, deliveries); empty unless something is broken. */
  readonly backgroundErrors: readonly unknown[];
  /**
   * Replaces the webhook signing secrets at run time (rotation tests); the next attempt uses them.
   *
   * @throws TypeError when a secret is not a non-empty string.
   */
  setWebhookSecrets(secrets: readonly string[]): void;
  /** Stops listening, drops open connections, ends pending delays, decisions, settlements and deliveries. */
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
    fulfillerDelayMs = 3000,
    fulfillerOutcome = 'random',
    settleDelayMs = 500,
    webhookSecrets = [DEFAULT_WEBHOOK_SECRET],
    webhookTimeoutMs = 3000,
    webhookRetryBaseMs = 1000,
    webhookMaxAttempts = 4,
  } = options;
  const counts = { port, orderCount, latencyMs, rateLimitPerSecond, fulfillerDelayMs, settleDelayMs, webhookTimeoutMs, webhookRetryBaseMs };
  for (const [name, value] of Object.entries(counts)) {
    if (!Number.isInteger(value) || value < 0) throw new TypeError(`simulator option ${name} must be a non-negative integer, got ${String(value)}`);
  }
  if (!Number.isInteger(webhookMaxAttempts) || webhookMaxAttempts < 1) {
    throw new TypeError(`simulator option webhookMaxAttempts must be a positive integer, got ${String(webhookMaxAttempts)}`);
  }
  if (!isFulfillerOutcome(fulfillerOutcome)) {
    throw new TypeError(`simulator option fulfillerOutcome must be random, accept, partial or reject, got ${JSON.stringify(fulfillerOutcome)}`);
  }
  if (apiKey === '') throw new TypeError('simulator option apiKey must not be empty');

  const render = { javaDates };
  const store = createSeededStore({ seed, orderCount, javaDates });

  const requestLog = new RequestLog();
  const faults = new FaultInjector();
  const stopping = new AbortController();
  const scheduler = new Scheduler();
  const publisher = new EventPublisher(store, render);
  const fulfillments = new FulfillmentProcessor({ store, publisher, scheduler, settleDelayMs });
  const fulfiller = new Fulfiller({
    store,
    publisher,
    processor: fulfillments,
    scheduler,
    delayMs: fulfillerDelayMs,
    outcome: fulfillerOutcome,
    rng: new Prng((seed ^ FULFILLER_SEED_SALT) >>> 0),
  });
  const webhookSender = new WebhookSender(store, scheduler, {
    secrets: webhookSecrets,
    timeoutMs: webhookTimeoutMs,
    retryBaseMs: webhookRetryBaseMs,
    maxAttempts: webhookMaxAttempts,
  });
  webhookSender.start();
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
    writes: { publisher, fulfillments, fulfiller, idempotency: new IdempotencyCache() },
    webhookSender,
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
    fulfiller,
    get webhookDeliveries() {
      return webhookSender.deliveries;
    },
    get backgroundErrors() {
      return [...scheduler.errors];
    },
    setWebhookSecrets(secrets) {
      webhookSender.setSecrets(secrets);
    },
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        // Background work first, so nothing acts on the store or sends after stop() resolves.
        scheduler.stop();
        fulfiller.stop();
        webhookSender.stop();
        stopping.abort();
        server.close(() => resolve());
        // Keep-alive sockets would otherwise hold `close` open until they time out.
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}
