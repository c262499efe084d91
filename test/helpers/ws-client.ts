// A graphql-ws client for tests that collects every pushed result and can wait for the n-th.
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

/** One open subscription. */
export interface CollectedSubscription<T> {
  results: Array<{ data?: T | null; errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }> }>;
  /** Resolves once `count` results arrived; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  /** Resolves once the server acknowledged the subscription (first ping-pong round trip after subscribe). */
  unsubscribe(): void;
}

/** Opens a graphql-ws client on `${httpUrl}/graphql`. */
export function openClient(httpUrl: string, connectionParams: Record<string, unknown> = {}): Client {
  return createClient({
    url: `${httpUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: false,
  });
}

/** Subscribes and collects results. */
export function collect<T>(client: Client, query: string, variables: Record<string, unknown> = {}): CollectedSubscription<T> {
  const results: CollectedSubscription<T>['results'] = [];
  const waiters: Array<() => void> = [];
  const unsubscribe = client.subscribe<T>({ query, variables }, {
    next: (value) => {
      results.push(value as CollectedSubscription<T>['results'][number]);
      for (const wake of waiters.splice(0)) wake();
    },
    error: (error) => {
      const close = error as { code?: number; reason?: string };
      const message = error instanceof Error ? error.message
        : typeof close.code === 'number' ? `socket closed ${close.code}: ${close.reason ?? ''}` : JSON.stringify(error);
      results.push({ errors: [{ message }] });
      for (const wake of waiters.splice(0)) wake();
    },
    complete: () => undefined,
  });
  return {
    results,
    unsubscribe,
    waitFor(count, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`expected ${count} pushes, got ${results.length}: ${JSON.stringify(results)}`)), timeoutMs);
        const check = (): void => {
          if (results.length >= count) {
            clearTimeout(timer);
            resolve();
          } else {
            waiters.push(check);
          }
        };
        check();
      });
    },
  };
}

/** Waits until `predicate` holds, polling every 10 ms. */
export async function eventually(predicate: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** One single-result operation over a graphql-ws client. */
export interface WsResult<T> {
  data?: T | null;
  errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }>;
  extensions?: Record<string, unknown>;
  /** True when the server answered with an `error` message (a refusal) rather than a result. */
  refused: boolean;
}

/** Runs a query or mutation over the socket; a refusal (an `error` message) resolves with its errors, extensions kept. */
export function wsExecute<T = Record<string, unknown>>(
  client: Client,
  query: string,
  variables: Record<string, unknown> = {},
  operationName?: string,
  /** More payload fields: `documentId`, `extensions`. */
  more: Record<string, unknown> = {},
): Promise<WsResult<T>> {
  return new Promise((resolve, reject) => {
    let result: WsResult<T> | undefined;
    client.subscribe<T>({ ...more, query, variables, ...(operationName === undefined ? {} : { operationName }) }, {
      next: (value) => {
        result = { ...(value as Omit<WsResult<T>, 'refused'>), refused: false };
      },
      error: (error) => {
        if (Array.isArray(error)) resolve({ errors: error as WsResult<T>['errors'], refused: true });
        else {
          const close = error as { code?: number; reason?: string };
          reject(error instanceof Error ? error : new Error(typeof close.code === 'number' ? `socket closed ${close.code}: ${close.reason ?? ''}` : JSON.stringify(error)));
        }
      },
      complete: () => resolve(result ?? { refused: false }),
    });
  });
}
