// The naive gateway's upstream access: plain fetch per call, as a first version would write it (no batching, no cache).
import { listPath, type ListQuery } from '../rest/rest-upstream';
import { recordOf, recordsOf } from '../shared/upstream-format';

/** A JSON object as upstream sends it. */
export type JsonObject = Record<string, unknown>;

/** What the naive resolvers call. */
export interface NaiveUpstream {
  /** `GET /{collection}/{id}`. */
  get(collection: string, id: string): Promise<JsonObject>;
  /** One page of `GET /{collection}?…`. */
  page(collection: string, query: ListQuery): Promise<{ hasMore: boolean; data: JsonObject[] }>;
  /** Every item of `GET /{collection}?…`, following `hasMore`. */
  all(collection: string, query: ListQuery): Promise<JsonObject[]>;
}

/**
 * Creates the client over the global `fetch` (keep-alive, no connection cap).
 *
 * @throws Error from every method for a non-2xx answer, naming the path and status.
 */
export function createNaiveUpstream(baseUrl: string, apiKey: string): NaiveUpstream {
  const headers = { authorization: `Bearer ${apiKey}`, accept: 'application/json' };
  const getJson = async (path: string): Promise<unknown> => {
    const response = await fetch(`${baseUrl}${path}`, { headers });
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
    return response.json();
  };
  const page = async (collection: string, query: ListQuery): Promise<{ hasMore: boolean; data: JsonObject[] }> => {
    const body = recordOf(await getJson(listPath(collection, query)));
    return { hasMore: body['hasMore'] === true, data: recordsOf(body['data']) };
  };
  return {
    get: async (collection, id) => recordOf(await getJson(`/${collection}/${encodeURIComponent(id)}`)),
    page,
    async all(collection, query) {
      const items: JsonObject[] = [];
      let startingAfter: string | undefined;
      for (;;) {
        const result = await page(collection, { ...query, limit: 100, startingAfter });
        items.push(...result.data);
        const last = result.data[result.data.length - 1];
        if (!result.hasMore || last === undefined) return items;
        startingAfter = String(last['id']);
      }
    },
  };
}
