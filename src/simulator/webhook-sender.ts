// Delivers every new event to the matching webhooks: signed POSTs, acknowledgement timeout, retries with backoff (§12.2).

import { type ClientRequest, Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

import { matchesAnyType } from './event-type-matcher';
import type { Scheduler } from './scheduler';
import type { SimulatorStore } from './store';
import { SIGNATURE_HEADER, signatureHeader } from './webhook-signature';
import type { SimEvent } from './wire-types';

/** One delivery attempt, as `sim.webhookDeliveries` and `GET /__sim/webhook-deliveries` list it. */
export interface WebhookDelivery {
  eventId: string;
  eventType: string;
  webhookId: string;
  /** 1 for the first try, 2 for the first retry, … */
  attempt: number;
  /** The receiver's HTTP status; 0 for a timeout or a connection error. */
  status: number;
  /** When the attempt started (ISO, milliseconds). */
  at: string;
  durationMs: number;
}

/** Delivery settings; `createSimulator` documents the defaults. */
export interface WebhookSenderOptions {
  /** Active signing secrets; one `v0=` each. Empty: no signature header at all. */
  secrets: readonly string[];
  /** A 2xx must arrive within this long, else the attempt counts as a timeout. */
  timeoutMs: number;
  /** Wait before the first retry; it doubles for each further retry. */
  retryBaseMs: number;
  /** Attempts per event and webhook, the first one included. */
  maxAttempts: number;
}

// Each retry waits up to this fraction longer than its base delay, so retries of many events spread out.
const JITTER = 0.2;

/**
 * Sends each event appended to the store after `start()` to every enabled webhook
 * whose `types` match it (exact name, `resource.*`, or `*`), one `POST` per event and
 * webhook, body = the event JSON, signed per attempt with a fresh timestamp.
 *
 * A delivery is acknowledged by any 2xx within `timeoutMs`. Anything else (3xx
 * included), a timeout or a connection error is retried after
 * `retryBaseMs × 2^(attempt−1)` plus up to 20% jitter, until `maxAttempts`. Deliveries
 * run concurrently and a retry waits on a timer, never blocking other deliveries. A
 * webhook deleted or disabled in the meantime gets no further attempts.
 */
export class WebhookSender {
  private secrets: string[];
  private readonly log: WebhookDelivery[] = [];
  // In-flight requests, each with the function that ends it as a failed attempt.
  private readonly inFlight = new Map<ClientRequest, () => void>();
  private readonly httpAgent = new HttpAgent({ keepAlive: false });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: false });
  private unsubscribe: (() => void) | undefined;
  private stopped = false;

  /**
   * @throws TypeError when a secret is not a non-empty string.
   */
  constructor(
    private readonly store: SimulatorStore,
    private readonly scheduler: Scheduler,
    private readonly options: WebhookSenderOptions,
  ) {
    this.secrets = checkedSecrets(options.secrets);
  }

  /** Every attempt so far, oldest first (a copy). */
  get deliveries(): WebhookDelivery[] {
    return [...this.log];
  }

  /** Starts listening for new events. */
  start(): void {
    this.unsubscribe ??= this.store.onEvent((event) => this.dispatch(event));
  }

  /**
   * Replaces the active signing secrets; the next attempt signs with them (rotation tests).
   *
   * @throws TypeError when a secret is not a non-empty string.
   */
  setSecrets(secrets: readonly string[]): void {
    this.secrets = checkedSecrets(secrets);
  }

  /** Forgets the recorded attempts. */
  clearDeliveries(): void {
    this.log.length = 0;
  }

  /** Stops listening and ends in-flight requests; retry timers belong to the scheduler, which the caller stops. */
  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    for (const abort of [...this.inFlight.values()]) abort();
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  // Private: starts one delivery per matching webhook.
  private dispatch(event: SimEvent): void {
    if (this.stopped) return;
    // Oldest webhook first, so `webhookIds` lists them in registration order.
    const targets = [...this.store.webhooks.sorted()].reverse().filter((w) => w.enabled && matchesAnyType(w.types, event.type));
    if (targets.length === 0) return;
    event.webhookIds = targets.map((w) => w.id);
    const body = JSON.stringify(event);
    for (const webhook of targets) void this.attempt(event, webhook.id, body, 1);
  }

  // Private: one attempt, recorded, and the next one scheduled when it failed.
  private async attempt(event: SimEvent, webhookId: string, body: string, attempt: number): Promise<void> {
    const webhook = this.store.webhooks.get(webhookId);
    if (this.stopped || webhook === undefined || !webhook.enabled) return;
    const startedMs = Date.now();
    const status = await this.post(webhook.address, body);
    if (this.stopped) return;
    this.log.push({ eventId: event.id, eventType: event.type, webhookId, attempt, status, at: new Date(startedMs).toISOString(), durationMs: Date.now() - startedMs });
    if ((status >= 200 && status < 300) || attempt >= this.options.maxAttempts) return;
    const delayMs = this.options.retryBaseMs * 2 ** (attempt - 1) * (1 + JITTER * Math.random());
    this.scheduler.after(Math.round(delayMs), () => this.attempt(event, webhookId, body, attempt + 1));
  }

  // Private: POSTs the body with a fresh signature; resolves with the status, or 0 on timeout or error.
  private post(address: string, body: string): Promise<number> {
    return new Promise((resolve) => {
      const url = new URL(address);
      const secure = url.protocol === 'https:';
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
        'user-agent': 'dr-simulator-webhooks/1',
      };
      if (this.secrets.length > 0) headers[SIGNATURE_HEADER] = signatureHeader(body, this.secrets, Math.floor(Date.now() / 1000));
      let done = false;
      const finish = (status: number): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.inFlight.delete(req);
        resolve(status);
      };
      const send = secure ? httpsRequest : httpRequest;
      const req = send(url, { method: 'POST', headers, agent: secure ? this.httpsAgent : this.httpAgent }, (res) => {
        res.resume();
        finish(res.statusCode ?? 0);
      });
      const abort = (): void => {
        finish(0);
        req.destroy();
      };
      const timer = setTimeout(abort, this.options.timeoutMs);
      req.on('error', () => finish(0));
      this.inFlight.set(req, abort);
      req.end(body);
    });
  }
}

// Private: a copy of the secrets after checking each is a non-empty string.
function checkedSecrets(secrets: readonly unknown[]): string[] {
  return secrets.map((secret, i) => {
    if (typeof secret !== 'string' || secret === '') throw new TypeError(`webhook secret ${i} must be a non-empty string, got ${JSON.stringify(secret)}`);
    return secret;
  });
}
