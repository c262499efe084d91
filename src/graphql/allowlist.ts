// The persisted-operation allowlist: reads Apollo's manifest or GraphQL Code Generator's persisted-documents manifest, and answers by hash.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { getOperationAST, parse } from 'graphql';

/** One operation of an allowlist: its sha256 and its text. */
export interface PersistedOperation {
  id: string;
  body: string;
  name?: string | undefined;
}

/**
 * Reads a manifest of allowed operations, in either format a frontend ships:
 * Apollo's persisted query manifest (`{"format":
 * "apollo-persisted-query-manifest", "version": 1, "operations": [{id, name,
 * type, body}]}`) or GraphQL Code Generator's client-preset
 * persisted-documents manifest (`{"<sha256>": "<document>"}`). Throws naming
 * the file and the fault; every id must be the sha256 of its text.
 */
export function loadAllowlist(path: string): PersistedOperation[] {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`PERSISTED_QUERIES_ALLOWLIST: cannot read ${path} as JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
    throw new Error(`PERSISTED_QUERIES_ALLOWLIST: ${path} is neither an Apollo manifest nor a persisted-documents map`);
  }
  const entries = 'operations' in manifest ? apolloEntries(path, manifest.operations) : documentMapEntries(path, manifest as Record<string, unknown>);
  entries.forEach((entry, index) => {
    if (sha256(entry.body) !== entry.id) throw new Error(`PERSISTED_QUERIES_ALLOWLIST: ${path} entry ${index} (${entry.id}) is not the sha256 of its text`);
  });
  return entries;
}

function apolloEntries(path: string, operations: unknown): PersistedOperation[] {
  if (!Array.isArray(operations)) throw new Error(`PERSISTED_QUERIES_ALLOWLIST: ${path} has an "operations" field that is not an array`);
  return operations.map((entry: unknown, index) => {
    const { id, body, name } = (entry ?? {}) as { id?: unknown; body?: unknown; name?: unknown };
    if (typeof id !== 'string' || typeof body !== 'string') throw new Error(`PERSISTED_QUERIES_ALLOWLIST: operations[${index}] needs string "id" and "body"`);
    return { id, body, name: typeof name === 'string' ? name : undefined };
  });
}

// The client preset writes its keys as `sha256:<hash>` (the GraphQL-over-HTTP persisted-documents id); older versions wrote the bare hash.
function documentMapEntries(path: string, map: Record<string, unknown>): PersistedOperation[] {
  return Object.entries(map).map(([key, body]) => {
    if (typeof body !== 'string') throw new Error(`PERSISTED_QUERIES_ALLOWLIST: ${path} maps "${key}" to something that is not a document`);
    return { id: key.startsWith('sha256:') ? key.slice('sha256:'.length) : key, body, name: operationNameOf(body) };
  });
}

// The preset prints fragments before the operation, so the name is read from the parsed document, not the text's start.
function operationNameOf(body: string): string | undefined {
  try {
    return getOperationAST(parse(body))?.name?.value;
  } catch {
    return undefined;
  }
}

/** The allowlist as the admission consults it. */
export interface Allowlist {
  /** True when this exact text (by its sha256) is listed. */
  allows(queryHash: string): boolean;
  /** The listed text for a document id (the bare hash or `sha256:<hash>`), or undefined. */
  documentFor(documentId: string): string | undefined;
  /** The operation names listed (they are metric labels as sent). */
  readonly names: readonly string[];
  readonly size: number;
}

/** Builds the lookup over loaded operations. */
export function createAllowlist(operations: readonly PersistedOperation[]): Allowlist {
  const byId = new Map(operations.map((operation) => [operation.id, operation.body]));
  return {
    allows: (queryHash) => byId.has(queryHash),
    documentFor: (documentId) => byId.get(documentId.startsWith('sha256:') ? documentId.slice('sha256:'.length) : documentId),
    names: operations.flatMap((operation) => (operation.name === undefined ? [] : [operation.name])),
    size: byId.size,
  };
}

/** The hex sha256 of a document's text: its id in both manifests and in APQ. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

