// Reads the demo data the clients build events from (orders, cancellations) straight from the simulator's REST API.
import { listPath, type ListQuery } from '../rest/rest-upstream';
import { recordOf, recordsOf } from '../shared/upstream-format';

/** A JSON object as upstream sends it. */
export type UpstreamObject = Record<string, unknown>;

/**
 * Every object of `GET /{collection}?…`, following `hasMore`.
 *
 * @throws Error for a non-2xx answer.
 */
export async function readAll(simulatorUrl: string, apiKey: string, collection: string, query: ListQuery = {}): Promise<UpstreamObject[]> {
  const items: UpstreamObject[] = [];
  let startingAfter: string | undefined;
  for (;;) {
    const path = listPath(collection, { ...query, limit: 100, startingAfter });
    const response = await fetch(`${simulatorUrl}${path}`, { headers: { authorization: `Bearer ${apiKey}` } });
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
    const body = recordOf(await response.json());
    const data = recordsOf(body['data']);
    items.push(...data);
    const last = data[data.length - 1];
    if (body['hasMore'] !== true || last === undefined) return items;
    startingAfter = String(last['id']);
  }
}
