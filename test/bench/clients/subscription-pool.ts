// Opens many graphql-ws subscriptions over a fixed number per WebSocket, and records every push per subscription and event id.
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

import type { DeliveryCounts } from '../lib/delivery-check';
import { isRecord } from '../lib/ipc-protocol';

/** One subscription to open. */
export interface SubscriptionSpec {
  /** Unique key, e.g. `probe:17`. */
  key: string;
  query: string;
  variables: Record<string, unknown>;
  /** The root field whose `eventId` identifies a push, e.g. `orderUpdated`. */
  field: string;
}

/** Called for every push, at its arrival time (`performance.now()`). */
export type PushListener = (key: string, eventId: string, at: number) => void;

/** Subscriptions opened together on their own sockets; closing them closes those sockets. */
export interface SubscriptionBatch {
  readonly sockets: number;
  close(): Promise<void>;
}

/** What went wrong on any subscription: errors in results, sink errors, unexpected completions or closes. */
export interface PoolFailure {
  key: string;
  message: string;
}

/**
 * Subscriptions over `perSocket` per WebSocket. Every push is counted per
 * subscription key and event id; failures are collected, never thrown.
 */
export class SubscriptionPool {
  /** key → event id → pushes received. */
  readonly received = new Map<string, Map<string, number>>();
  readonly failures: PoolFailure[] = [];
  private readonly listeners = new Set<PushListener>();
  private openSockets = 0;

  constructor(private readonly wsUrl: string, private readonly perSocket: number) {}

  /** Sockets open now. */
  get sockets(): number {
    return this.openSockets;
  }

  /** Registers a listener; returns its removal. */
  onPush(listener: PushListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Opens `specs` on new sockets (`perSocket` each), connecting at most
   * `parallel` sockets at a time, and resolves once every socket is
   * connected and every subscribe message is sent. The server registers a
   * subscription shortly after: callers confirm with the gateway's count.
   *
   * @throws Error when a socket cannot connect.
   */
  async open(specs: readonly SubscriptionSpec[], parallel = 100): Promise<SubscriptionBatch> {
    const clients: Client[] = [];
    const unsubscribes: Array<() => void> = [];
    let closing = false;
    const chunks: SubscriptionSpec[][] = [];
    for (let index = 0; index < specs.length; index += this.perSocket) chunks.push(specs.slice(index, index + this.perSocket));
    for (let start = 0; start < chunks.length; start += parallel) {
      await Promise.all(chunks.slice(start, start + parallel).map(async (chunk) => {
        const client = await this.connect(() => closing);
        clients.push(client);
        for (const spec of chunk) unsubscribes.push(this.subscribe(client, spec, () => closing));
      }));
    }
    return {
      sockets: chunks.length,
      close: async () => {
        closing = true;
        for (const unsubscribe of unsubscribes) unsubscribe();
        await Promise.all(clients.map((client) => client.dispose()));
      },
    };
  }

  private connect(closing: () => boolean): Promise<Client> {
    return new Promise<Client>((resolve, reject) => {
      let connected = false;
      const client = createClient({
        url: this.wsUrl,
        webSocketImpl: WebSocket,
        lazy: false,
        retryAttempts: 0,
        on: {
          connected: () => {
            connected = true;
            this.openSockets += 1;
            resolve(client);
          },
          closed: (event) => {
            if (!connected) {
              reject(new Error(`a WebSocket to ${this.wsUrl} closed before it was acknowledged: ${describeClose(event)}`));
              return;
            }
            this.openSockets -= 1;
            if (!closing()) this.failures.push({ key: 'socket', message: `a WebSocket closed unexpectedly: ${describeClose(event)}` });
          },
        },
        onNonLazyError: (error) => reject(new Error(`WebSocket error: ${describeClose(error)}`)),
      });
    });
  }

  private subscribe(client: Client, spec: SubscriptionSpec, closing: () => boolean): () => void {
    const counts = new Map<string, number>();
    this.received.set(spec.key, counts);
    return client.subscribe<Record<string, unknown>>({ query: spec.query, variables: spec.variables }, {
      next: (result) => {
        const at = performance.now();
        if (result.errors !== undefined) {
          this.failures.push({ key: spec.key, message: JSON.stringify(result.errors) });
          return;
        }
        const payload = result.data?.[spec.field];
        const eventId = isRecord(payload) ? payload['eventId'] : undefined;
        if (typeof eventId !== 'string') {
          this.failures.push({ key: spec.key, message: `a push without ${spec.field}.eventId: ${JSON.stringify(result.data)}` });
          return;
        }
        counts.set(eventId, (counts.get(eventId) ?? 0) + 1);
        for (const listener of this.listeners) listener(spec.key, eventId, at);
      },
      error: (error) => this.failures.push({ key: spec.key, message: `subscription error: ${describeClose(error)}` }),
      complete: () => {
        if (!closing()) this.failures.push({ key: spec.key, message: 'the server completed the subscription' });
      },
    });
  }
}

function describeClose(value: unknown): string {
  if (isRecord(value) && typeof value['code'] === 'number') return `code ${value['code']} ${String(value['reason'] ?? '')}`;
  if (value instanceof Error) return value.message;
  return JSON.stringify(value) ?? String(value);
}

/** Compares pushes received with pushes expected (key → event ids, each exactly once). */
export interface DeliveryCheck extends DeliveryCounts {
  /** The first few problems, for the error message. */
  examples: string[];
}

/** Checks every subscription of `pool` against `expected`; a key without expectations must have received nothing. */
export function checkDeliveries(pool: SubscriptionPool, expected: ReadonlyMap<string, ReadonlySet<string>>): DeliveryCheck {
  const check: DeliveryCheck = { subscriptions: pool.received.size, expected: 0, delivered: 0, missing: 0, duplicated: 0, unexpected: 0, failures: pool.failures.length, examples: [] };
  const note = (text: string): void => {
    if (check.examples.length < 5) check.examples.push(text);
  };
  for (const failure of pool.failures) note(`${failure.key}: ${failure.message}`);
  for (const [key, counts] of pool.received) {
    const wanted = expected.get(key) ?? new Set<string>();
    check.expected += wanted.size;
    for (const eventId of wanted) {
      const count = counts.get(eventId) ?? 0;
      if (count === 0) {
        check.missing += 1;
        note(`${key} never got ${eventId}`);
      } else {
        check.delivered += 1;
        if (count > 1) {
          check.duplicated += 1;
          note(`${key} got ${eventId} ${count} times`);
        }
      }
    }
    for (const eventId of counts.keys()) {
      if (!wanted.has(eventId)) {
        check.unexpected += 1;
        note(`${key} got unexpected ${eventId}`);
      }
    }
  }
  return check;
}
