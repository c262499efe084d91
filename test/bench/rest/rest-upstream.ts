// The hand-written endpoint's upstream client: one undici keep-alive Pool, list calls that follow every page.
import { Pool } from 'undici';

import type { UpstreamPage } from '../../../src/upstream/types';

/** Query parameters; arrays become repeated keys, as the gateway sends them. */
export type ListQuery = Readonly<Record<string, string | number | readonly string[] | undefined>>;

/** The endpoint's view of the upstream. */
export interface RestUpstream {
  /** One page of `GET /{collection}?…`. */
  page<T>(collection: string, query: ListQuery): Promise<UpstreamPage<T>>;
  /** Every item of `GET /{collection}?…`, 100 per page, following `hasMore` with `startingAfter`. */
  all<T extends { id: string | number }>(collection: string, query: ListQuery): Promise<T[]>;
  close(): Promise<void>;
}

/** Settings of {@link createRestUpstream}. */
export interface RestUpstreamOptions {
  baseUrl: string;
  apiKey: string;
  /** Sockets kept open; default 64 (the gateway's default). */
  connections?: number;
}

/** The path and query string of a list call. */
export function listPath(collection: string, query: ListQuery): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value as readonly string[]) search.append(key, item);
    else search.append(key, String(value));
  }
  const text = search.toString();
  return `/${collection}${text === '' ? '' : `?${text}`}`;
}

/**
 * Creates the client.
 *
 * @throws Error from `page` and `all` for any non-2xx answer, naming the path and status.
 */
export function createRestUpstream(options: RestUpstreamOptions): RestUpstream {
  const pool = new Pool(new URL(options.baseUrl).origin, { connections: options.connections ?? 64, keepAliveTimeout: 30_000, pipelining: 1 });
  const headers = { authorization: `Bearer ${options.apiKey}`, accept: 'application/json' };
  const page = async <T>(collection: string, query: ListQuery): Promise<UpstreamPage<T>> => {
    const path = listPath(collection, query);
    const response = await pool.request({ method: 'GET', path, headers });
    const text = await response.body.text();
    if (response.statusCode < 200 || response.statusCode >= 300) throw new Error(`GET ${path} answered ${response.statusCode}: ${text.slice(0, 200)}`);
    const body = JSON.parse(text) as { hasMore?: boolean; data?: T[] };
    return { hasMore: body.hasMore === true, data: body.data ?? [] };
  };
  return {
    page,
    async all<T extends { id: string | number }>(collection: string, query: ListQuery): Promise<T[]> {
      const items: T[] = [];
      let startingAfter: string | undefined;
      for (;;) {
        const result = await page<T>(collection, { ...query, limit: 100, startingAfter });
        items.push(...result.data);
        const last = result.data[result.data.length - 1];
        if (!result.hasMore || last === undefined) return items;
        startingAfter = String(last.id);
      }
    },
    close: () => pool.close(),
  };
}
