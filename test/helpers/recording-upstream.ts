// An in-memory UpstreamClient that records every call, for asserting which upstream calls a loader makes.
import type { CallContext, UpstreamClient } from '../../src/upstream/client';
import { UpstreamError } from '../../src/upstream/errors';
import type { UpstreamCollection, UpstreamPage, UpstreamQuery } from '../../src/upstream/types';

/** One recorded call. */
export interface RecordedCall {
  method: 'GET' | 'POST';
  collection: UpstreamCollection;
  id?: string;
  query?: UpstreamQuery;
  requestId: string;
}

type Row = Record<string, unknown> & { id: string | number };

/** A fake upstream over fixed rows; pages obey `limit` and `startingAfter` like the real list endpoints. */
export function createRecordingUpstream(data: Partial<Record<UpstreamCollection, Row[]>>, options: { pageSize?: number } = {}) {
  const calls: RecordedCall[] = [];
  const rows = (collection: UpstreamCollection): Row[] => data[collection] ?? [];
  const asList = (value: UpstreamQuery[string]): string[] | undefined =>
    value === undefined ? undefined : Array.isArray(value) ? [...value] : [String(value)];

  const client: UpstreamClient = {
    async get<T>(collection: UpstreamCollection, id: string, context: CallContext): Promise<T> {
      calls.push({ method: 'GET', collection, id, requestId: context.requestId });
      const row = rows(collection).find((candidate) => String(candidate.id) === id);
      if (row === undefined) {
        throw new UpstreamError(404, 'not_found', [{ code: 'not_found', parameter: 'id', message: `${id} not found` }], { method: 'GET', path: `/${collection}/${id}` });
      }
      return row as unknown as T;
    },
    async list<T>(collection: UpstreamCollection, query: UpstreamQuery, context: CallContext): Promise<UpstreamPage<T>> {
      calls.push({ method: 'GET', collection, query, requestId: context.requestId });
      const ids = asList(query.ids);
      const upstreamIds = asList(query.upstreamIds);
      let matching = rows(collection).filter((row) =>
        (ids === undefined || ids.includes(String(row.id)))
        && (upstreamIds === undefined || upstreamIds.includes(String(row.upstreamId)))
        && (query.orderId === undefined || String(row.orderId) === String(query.orderId)));
      if (query.startingAfter !== undefined) {
        const index = matching.findIndex((row) => String(row.id) === query.startingAfter);
        matching = matching.slice(index + 1);
      }
      const limit = Math.min(Number(query.limit ?? 10), options.pageSize ?? 100);
      return { hasMore: matching.length > limit, data: matching.slice(0, limit) as unknown as T[] };
    },
    async create<T>(collection: UpstreamCollection, body: unknown, context: CallContext): Promise<T> {
      calls.push({ method: 'POST', collection, requestId: context.requestId });
      return body as T;
    },
    async close() {},
  };
  return { client, calls };
}
