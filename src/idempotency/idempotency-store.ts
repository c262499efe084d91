// The gateway's idempotency promise for mutations: same key and input → the first result; concurrent calls write once.

/** What a caller finds when it claims a key. */
export type IdempotencyClaim<R> =
  | { kind: 'new'; complete(result: R): Promise<void>; abandon(): Promise<void> }
  | { kind: 'replay'; result: R }
  | { kind: 'in-progress'; result: Promise<R> }
  | { kind: 'mismatch' };

/** The idempotency seam: memory now; Redis (shared by every instance) behind the same interface. */
export interface IdempotencyStore<R> {
  /**
   * Claims `key` for `fingerprint` (a hash of the input). The first claim gets
   * `new` and must `complete` or `abandon`; later claims with the same
   * fingerprint get the result (or wait for it); another fingerprint gets `mismatch`.
   */
  claim(key: string, fingerprint: string): Promise<IdempotencyClaim<R>>;
}

/** Settings of {@link createMemoryIdempotencyStore}. */
export interface MemoryIdempotencyOptions {
  /** How long a finished key is kept. Defaults to 24 hours (the runtime contract's minimum). */
  ttlMs?: number;
  /** Keys kept at most; the oldest go first. Defaults to 100_000. */
  maxKeys?: number;
  now?: () => number;
}

interface Entry<R> {
  fingerprint: string;
  at: number;
  result: Promise<R>;
  settled: boolean;
}

/** An in-memory store for one instance. */
export function createMemoryIdempotencyStore<R>({ ttlMs = 24 * 3600_000, maxKeys = 100_000, now = Date.now }: MemoryIdempotencyOptions = {}): IdempotencyStore<R> {
  const entries = new Map<string, Entry<R>>();
  const trim = (at: number): void => {
    for (const [key, entry] of entries) {
      if (entries.size <= maxKeys && at - entry.at <= ttlMs) break;
      if (entry.settled) entries.delete(key);
      else break;
    }
  };
  return {
    async claim(key, fingerprint) {
      const at = now();
      trim(at);
      const existing = entries.get(key);
      if (existing !== undefined) {
        if (existing.fingerprint !== fingerprint) return { kind: 'mismatch' };
        return existing.settled ? { kind: 'replay', result: await existing.result } : { kind: 'in-progress', result: existing.result };
      }
      let resolve!: (result: R) => void;
      let reject!: (error: Error) => void;
      const result = new Promise<R>((ok, fail) => {
        resolve = ok;
        reject = fail;
      });
      // Waiters that never come must not turn an abandoned claim into an unhandled rejection.
      result.catch(() => undefined);
      const entry: Entry<R> = { fingerprint, at, result, settled: false };
      entries.set(key, entry);
      return {
        kind: 'new',
        async complete(value) {
          entry.settled = true;
          resolve(value);
        },
        async abandon() {
          entries.delete(key);
          reject(new Error('the first request with this idempotency key failed; retry it'));
        },
      };
    },
  };
}
