// Watches one subscription over graphql-ws and keeps what it got: pushes, and the errors that ended it with their extensions.
import type { Client } from 'graphql-ws';

/** A formatted GraphQL error as a client receives it. */
export interface ReceivedError {
  message: string;
  extensions?: Record<string, unknown>;
}

/** One watched subscription. */
export interface Probe<T> {
  /** The data of every push, in arrival order. */
  pushes: T[];
  /** Set once the server ended the subscription with an `error` message (or the socket failed). */
  errors: ReceivedError[] | undefined;
  /** Resolves once `count` pushes arrived; rejects after `timeoutMs` or on an error. */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  /** Resolves with the errors that ended the subscription; rejects after `timeoutMs`. */
  failure(timeoutMs?: number): Promise<ReceivedError[]>;
  stop(): void;
}

/** Subscribes and records. */
export function probe<T>(client: Client, query: string, variables: Record<string, unknown>): Probe<T> {
  const pushes: T[] = [];
  let errors: ReceivedError[] | undefined;
  const wakers = new Set<() => void>();
  const wake = (): void => {
    for (const waker of [...wakers]) waker();
  };
  const stop = client.subscribe<T>({ query, variables }, {
    next: (value) => {
      if (value.errors !== undefined) errors = value.errors as unknown as ReceivedError[];
      else pushes.push(value.data as T);
      wake();
    },
    error: (error) => {
      errors = Array.isArray(error) ? error as ReceivedError[] : [{ message: error instanceof Error ? error.message : JSON.stringify(error) }];
      wake();
    },
    complete: () => undefined,
  });
  const until = (done: () => boolean, timeoutMs: number, what: () => string): Promise<void> => new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      wakers.delete(check);
      reject(new Error(what()));
    }, timeoutMs);
    const check = (): void => {
      if (!done()) return;
      clearTimeout(timer);
      wakers.delete(check);
      resolve();
    };
    wakers.add(check);
    check();
  });
  return {
    pushes,
    get errors() {
      return errors;
    },
    waitFor: (count, timeoutMs = 5_000) => until(() => pushes.length >= count || errors !== undefined, timeoutMs, () => `expected ${count} pushes, got ${pushes.length}: ${JSON.stringify(pushes)}`)
      .then(() => {
        if (pushes.length < count) throw new Error(`subscription failed after ${pushes.length} pushes: ${JSON.stringify(errors)}`);
      }),
    failure: (timeoutMs = 5_000) => until(() => errors !== undefined, timeoutMs, () => `expected the subscription to fail; got ${pushes.length} pushes`).then(() => errors ?? []),
    stop,
  };
}
