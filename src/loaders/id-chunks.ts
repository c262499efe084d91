// Splits an id list into groups that fit one upstream call: at most 100 ids and a bounded query-string length.
import { UPSTREAM_PAGE_LIMIT } from '../upstream/paginate';

/**
 * Upper bound, in characters, on the `name=id&name=id…` part of one call's
 * query string. Upstream documents no limit on array filters, but servers and
 * proxies commonly refuse request lines over 8 KiB; this leaves room for the
 * path, the paging parameters and the other filters.
 */
export const MAX_ID_QUERY_LENGTH = 6_000;

/**
 * Groups `ids`, in their order, so that no group has more than `maxCount` ids
 * or encodes to more than `maxLength` characters as repeated `parameter=` keys.
 * An id longer than `maxLength` on its own still gets a group of one: upstream
 * then decides, rather than the id being dropped.
 */
export function chunkIds(
  ids: readonly string[],
  parameter: string,
  maxCount: number = UPSTREAM_PAGE_LIMIT,
  maxLength: number = MAX_ID_QUERY_LENGTH,
): string[][] {
  const keyLength = encodeURIComponent(parameter).length + 2; // the key, '=' and the '&' before the next one
  const chunks: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const id of ids) {
    const cost = keyLength + encodeURIComponent(id).length;
    if (current.length > 0 && (current.length >= maxCount || length + cost > maxLength)) {
      chunks.push(current);
      current = [];
      length = 0;
    }
    current.push(id);
    length += cost;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
