// Counts the upstream calls in a simulator request log, in all, per endpoint and per extra list page.
import type { RequestLogEntry } from '../../../src/simulator/request-log';
import { isRecord, numberField } from './ipc-protocol';

/** Upstream calls served, in all and per endpoint (`GET /orders`, `GET /charges/{id}`). */
export interface CallCount {
  total: number;
  byEndpoint: Record<string, number>;
  /** Calls that continued a list (`startingAfter` set): the extra pages. */
  continuationPages: number;
  /** Calls answered with a status ≥ 400. */
  failed: number;
}

/** `GET /charges/{id}` for `/charges/abc`; collections keep their name. */
export function endpointOf(entry: Pick<RequestLogEntry, 'method' | 'path'>): string {
  const [collection, id] = entry.path.split('/').filter((part) => part !== '');
  return `${entry.method} /${collection ?? ''}${id === undefined ? '' : '/{id}'}`;
}

/** Counts request-log entries. */
export function countCalls(entries: readonly RequestLogEntry[]): CallCount {
  const byEndpoint: Record<string, number> = {};
  let continuationPages = 0;
  let failed = 0;
  for (const entry of entries) {
    const endpoint = endpointOf(entry);
    byEndpoint[endpoint] = (byEndpoint[endpoint] ?? 0) + 1;
    if (entry.query['startingAfter'] !== undefined) continuationPages += 1;
    if (entry.status >= 400) failed += 1;
  }
  return { total: entries.length, byEndpoint, continuationPages, failed };
}

/**
 * Narrows a `calls` reply from the simulator child.
 *
 * @throws TypeError when a field is missing.
 */
export function asCallCount(value: unknown): CallCount {
  const byEndpoint: Record<string, number> = {};
  const raw = isRecord(value) ? value['byEndpoint'] : undefined;
  if (isRecord(raw)) {
    for (const [endpoint, count] of Object.entries(raw)) if (typeof count === 'number') byEndpoint[endpoint] = count;
  }
  return {
    total: numberField(value, 'total'),
    byEndpoint,
    continuationPages: numberField(value, 'continuationPages'),
    failed: numberField(value, 'failed'),
  };
}
