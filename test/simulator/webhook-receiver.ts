// A local webhook endpoint for simulator tests: records every delivery with its raw body and answers as told.

import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The event envelope as the tests read it. */
export interface ReceivedEvent {
  id: string;
  type: string;
  createdTime: string;
  liveMode: boolean;
  webhookIds?: string[];
  data: { object: Record<string, unknown>; previousAttributes?: Record<string, unknown> };
}

/** One request the receiver got. */
export interface ReceivedDelivery {
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  event: ReceivedEvent;
  receivedMs: number;
}

/** How to answer a request: a status, optionally after a delay. */
export interface Answer {
  status: number;
  delayMs?: number;
}

/** Decides the answer to the n-th request (0-based) from the delivery. */
export type Responder = (delivery: ReceivedDelivery, index: number) => Answer;

/** A running receiver. */
export interface WebhookReceiver {
  /** The address to register, e.g. `http://127.0.0.1:5123/hook`. */
  url: string;
  /** Every request so far, in arrival order. */
  deliveries: ReceivedDelivery[];
  /** Replaces the responder. */
  respondWith(responder: Responder): void;
  /** Resolves with the deliveries once `done(deliveries)` holds; rejects after `timeoutMs` naming what arrived. */
  waitFor(done: (deliveries: ReceivedDelivery[]) => boolean, timeoutMs?: number): Promise<ReceivedDelivery[]>;
  stop(): Promise<void>;
}

/** Starts a receiver on a free port; by default it answers 204 at once. */
export async function startReceiver(responder: Responder = () => ({ status: 204 })): Promise<WebhookReceiver> {
  const deliveries: ReceivedDelivery[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let respond = responder;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const delivery: ReceivedDelivery = { path: req.url ?? '/', headers: req.headers, rawBody, event: JSON.parse(rawBody) as ReceivedEvent, receivedMs: Date.now() };
      const answer = respond(delivery, deliveries.length);
      deliveries.push(delivery);
      const send = (): void => {
        if (res.destroyed) return;
        res.writeHead(answer.status, answer.status >= 300 && answer.status < 400 ? { location: '/elsewhere' } : {});
        res.end();
      };
      if (answer.delayMs === undefined) send();
      else {
        const timer = setTimeout(() => {
          timers.delete(timer);
          send();
        }, answer.delayMs);
        timers.add(timer);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    deliveries,
    respondWith(next) {
      respond = next;
    },
    async waitFor(done, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!done(deliveries)) {
        if (Date.now() > deadline) throw new Error(`webhook receiver: condition not met after ${timeoutMs} ms; got ${deliveries.map((d) => d.event.type).join(', ') || 'nothing'}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return deliveries;
    },
    stop() {
      for (const timer of timers) clearTimeout(timer);
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** A parsed `DigitalRiver-Signature` header: the timestamp and every `v0` signature. */
export interface ParsedSignature {
  t: number;
  v0: string[];
}

/** Parses `t=<seconds>,v0=<hex>[,v0=<hex>…]`; throws on any other shape. */
export function parseSignature(header: string | string[] | undefined): ParsedSignature {
  if (typeof header !== 'string') throw new Error(`no single DigitalRiver-Signature header: ${JSON.stringify(header)}`);
  const parts = header.split(',').map((part) => part.split('='));
  const t = parts.find(([key]) => key === 't')?.[1];
  if (t === undefined || !/^\d+$/.test(t)) throw new Error(`signature header without t=: ${header}`);
  return { t: Number(t), v0: parts.filter(([key]) => key === 'v0').map(([, value]) => value ?? '') };
}

/**
 * Which of the secrets signed the delivery, checked independently of the simulator's code:
 * HMAC-SHA256(secret, `${t}.${raw body}`) in hex must equal one of the `v0` entries.
 */
export function signersOf(delivery: ReceivedDelivery, secrets: readonly string[]): string[] {
  const { t, v0 } = parseSignature(delivery.headers['digitalriver-signature']);
  return secrets.filter((secret) => {
    const expected = Buffer.from(createHmac('sha256', secret).update(`${t}.${delivery.rawBody}`).digest('hex'), 'utf8');
    return v0.some((candidate) => {
      const actual = Buffer.from(candidate, 'utf8');
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    });
  });
}
