// Runs a mutation under the caller's idempotency key: one write per key and input, the first result replayed.
import { createHash, randomUUID } from 'node:crypto';

import { userError } from '../errors/user-errors';
import type { IdempotencyStore } from './idempotency-store';

/** A JSON-safe result with user errors, as the mutations record it. */
interface RecordLike {
  created: unknown;
  userErrors: Array<{ field: string[] | null; code: string; message: string }>;
}

/** A stable hash of a mutation's input (key order does not matter; the key itself is left out). */
export function fingerprintOf(input: object): string {
  const stable = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(stable);
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value)
        .filter(([key, entry]) => key !== 'idempotencyKey' && entry !== undefined && entry !== null)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, entry]) => [key, stable(entry)]));
    }
    return value;
  };
  return createHash('sha256').update(JSON.stringify(stable(input))).digest('hex');
}

/**
 * Claims `(callerId, mutation, key)` and runs `perform(key)` only for a new
 * claim; concurrent calls with the same key wait for the first; a different
 * input under a used key yields the `idempotency_key_reused` user error and
 * writes nothing. With no key from the caller a fresh one is made, so the
 * gateway's own retries still carry one upstream.
 */
export async function runIdempotent<R extends RecordLike>(
  store: IdempotencyStore<R>,
  scope: { callerId: string; mutation: string },
  givenKey: string | null | undefined,
  input: object,
  perform: (key: string) => Promise<R>,
): Promise<R> {
  const key = givenKey ?? randomUUID();
  const claim = await store.claim(`${scope.callerId}:${scope.mutation}:${key}`, fingerprintOf(input));
  switch (claim.kind) {
    case 'replay':
      return claim.result;
    case 'in-progress':
      return claim.result;
    case 'mismatch':
      return {
        created: null,
        userErrors: [userError(['idempotencyKey'], 'idempotency_key_reused', 'this idempotencyKey was already used with a different input; use a new key')],
      } as unknown as R;
    case 'new':
      try {
        const result = await perform(key);
        await claim.complete(result);
        return result;
      } catch (error) {
        await claim.abandon();
        throw error;
      }
    default: {
      const unreachable: never = claim;
      throw new Error(`unhandled idempotency claim ${JSON.stringify(unreachable)}`);
    }
  }
}
