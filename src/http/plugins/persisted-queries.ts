// Persisted queries for mobile: APQ on by default; with an allowlist manifest only its operations run.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

import type { ApolloServerPlugin } from '@apollo/server';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { GraphQLError } from 'graphql';

import { ErrorCode } from '../../errors/codes';

/** One operation of an allowlist: its sha256 and its text. */
export interface PersistedOperation {
  id: string;
  body: string;
  name?: string | undefined;
}

/**
 * Reads an Apollo persisted query manifest (`{"format":
 * "apollo-persisted-query-manifest", "version": 1, "operations": [{id, name,
 * type, body}]}`). Throws naming the file and the fault; an `id` must be the
 * sha256 of its `body`.
 */
export function loadAllowlist(path: string): PersistedOperation[] {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`PERSISTED_QUERIES_ALLOWLIST: cannot read ${path} as JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const operations = (manifest as { operations?: unknown }).operations;
  if (!Array.isArray(operations)) throw new Error(`PERSISTED_QUERIES_ALLOWLIST: ${path} has no "operations" array`);
  return operations.map((entry: unknown, index) => {
    const { id, body, name } = (entry ?? {}) as { id?: unknown; body?: unknown; name?: unknown };
    if (typeof id !== 'string' || typeof body !== 'string') throw new Error(`PERSISTED_QUERIES_ALLOWLIST: operations[${index}] needs string "id" and "body"`);
    if (sha256(body) !== id) throw new Error(`PERSISTED_QUERIES_ALLOWLIST: operations[${index}].id is not the sha256 of its body`);
    return { id, body, name: typeof name === 'string' ? name : undefined };
  });
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * A read-only APQ cache holding exactly the allowlisted operations, so a
 * client may send only the hash; nothing new can be registered through APQ.
 * Apollo prefixes its keys with `apq:`.
 */
export function allowlistCache(operations: readonly PersistedOperation[]): KeyValueCache<string> {
  const byKey = new Map(operations.map((operation) => [`apq:${operation.id}`, operation.body]));
  return {
    get: async (key) => byKey.get(key),
    set: async () => undefined,
    delete: async () => undefined,
  };
}

/** Refuses (FORBIDDEN) any operation whose text is not in the allowlist, before execution. */
export function allowlistPlugin<TContext extends object>(operations: readonly PersistedOperation[]): ApolloServerPlugin<TContext> {
  const allowed = new Set(operations.map((operation) => operation.id));
  return {
    async requestDidStart() {
      return {
        // didResolveOperation, not didResolveSource: Apollo answers errors thrown
        // there as request errors with their status; earlier hooks give a 500.
        async didResolveOperation({ queryHash }) {
          if (!allowed.has(queryHash)) {
            throw new GraphQLError('this operation is not in the persisted-query allowlist', {
              extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } },
            });
          }
        },
      };
    },
  };
}
