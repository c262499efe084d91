// Honours the `Idempotency-Key` header on write routes: a repeated request gets the first answer and writes nothing.

import { conflict } from './errors';

// Declared here rather than taken from router.ts, whose WriteServices holds an IdempotencyCache: no import loop.
/** What {@link idempotent} reads of a request; the router's RouteContext has it. */
export interface IdempotentRequest {
  /** Request headers, lower-cased. */
  headers: Record<string, string>;
  apiKey: string;
  writes: { idempotency: IdempotencyCache };
  body(): unknown;
}

/** An answer as remembered; the router's RouteResult has this shape. */
export interface RememberedAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** How long an answer is remembered: 24 hours, as the gateway's runtime contract promises. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** The request header that carries the key. Upstream documents none (§15); it is a local convention of simulator and gateway. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';

// A remembered answer and the request it answered.
interface Remembered {
  fingerprint: string;
  result: RememberedAnswer;
  storedMs: number;
}

/** Answers remembered per API key and idempotency key, for `IDEMPOTENCY_TTL_MS`. */
export class IdempotencyCache {
  private readonly entries = new Map<string, Remembered>();

  /** @param now the clock (tests of expiry pass their own). */
  constructor(private readonly now: () => number = Date.now) {}

  /** The remembered answer for a key, unless it expired. */
  lookup(apiKey: string, key: string): Remembered | undefined {
    const id = entryId(apiKey, key);
    const entry = this.entries.get(id);
    if (entry !== undefined && this.now() - entry.storedMs >= IDEMPOTENCY_TTL_MS) {
      this.entries.delete(id);
      return undefined;
    }
    return entry;
  }

  /** Remembers an answer (a copy) and drops expired ones. */
  remember(apiKey: string, key: string, fingerprint: string, result: RememberedAnswer): void {
    const nowMs = this.now();
    for (const [id, entry] of this.entries) if (nowMs - entry.storedMs >= IDEMPOTENCY_TTL_MS) this.entries.delete(id);
    this.entries.set(entryId(apiKey, key), { fingerprint, result: structuredClone(result), storedMs: nowMs });
  }
}

/**
 * Wraps a write handler so that, with an `Idempotency-Key` header:
 * - the same key with the same JSON body (key order does not matter) on the same route
 *   answers the first answer again, same status and body, plus `idempotent-replayed: true`,
 *   and writes nothing;
 * - the same key with another body or on another route answers 409 `conflict`,
 *   code `idempotency_key_reused`, `parameter: "Idempotency-Key"`.
 *
 * Only 2xx answers are remembered: a refused request wrote nothing, so running it
 * again is safe and reflects the current state. Handlers are synchronous, so two
 * concurrent requests with one key cannot both write.
 *
 * @param scope names the route, e.g. `POST /fulfillments`.
 */
export function idempotent<Context extends IdempotentRequest>(scope: string, handler: (context: Context) => RememberedAnswer): (context: Context) => RememberedAnswer {
  return (context) => {
    const key = context.headers[IDEMPOTENCY_HEADER]?.trim();
    if (key === undefined || key === '') return handler(context);
    const fingerprint = `${scope}\n${canonicalJson(context.body())}`;
    const cache = context.writes.idempotency;
    const remembered = cache.lookup(context.apiKey, key);
    if (remembered !== undefined) {
      if (remembered.fingerprint !== fingerprint) {
        throw conflict('idempotency_key_reused', `The idempotency key '${key}' was already used for a different request.`, 'Idempotency-Key');
      }
      const replay = structuredClone(remembered.result);
      return { ...replay, headers: { ...(replay.headers ?? {}), 'idempotent-replayed': 'true' } };
    }
    const result = handler(context);
    if (result.status >= 200 && result.status < 300) cache.remember(context.apiKey, key, fingerprint, result);
    return result;
  };
}

/** JSON with object keys sorted at every level, so equal bodies compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'undefined';
}

// Private: a copy with object keys in sorted order.
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null) {
    const object = value as Record<string, unknown>;
    return Object.fromEntries(Object.keys(object).sort().map((key) => [key, sortKeys(object[key])]));
  }
  return value;
}

// Private: one map key per API key and idempotency key.
function entryId(apiKey: string, key: string): string {
  return `${apiKey}\u0000${key}`;
}
