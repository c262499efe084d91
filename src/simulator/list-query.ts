// Parses list query strings the way upstream reads them: array filters, ranges, equality and paging.

import type { Collection, Identified } from './collection';
import { invalidParameter } from './errors';
import type { ListPage } from './wire-types';

/** A query string as repeated keys: `?ids=a&ids=b` → `{ ids: ['a', 'b'] }`. Keys keep their brackets. */
export type QueryMap = Record<string, string[]>;

/** Range operators (§1.10); a bare value means `eq`. */
const RANGE_OPERATORS = ['eq', 'gt', 'gte', 'lt', 'lte'] as const;
type RangeOperator = (typeof RANGE_OPERATORS)[number];

/** Reads a URL's query into a QueryMap, values decoded, in order. */
export function parseQuery(params: URLSearchParams): QueryMap {
  const out: QueryMap = {};
  for (const [key, value] of params) (out[key] ??= []).push(value);
  return out;
}

/**
 * An array filter in any of the forms the simulator accepts (§1.10): repeated keys
 * (`ids=a&ids=b`), comma-separated (`ids=a,b`) and brackets (`ids[]=a`), mixed freely.
 * Returns undefined when the filter is absent or holds only empty values.
 */
export function arrayFilter(query: QueryMap, name: string): Set<string> | undefined {
  const raw = [...(query[name] ?? []), ...(query[`${name}[]`] ?? [])];
  const values = raw.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  return values.length > 0 ? new Set(values) : undefined;
}

/** An equality filter: the first value of `name`, or undefined when absent or empty. */
export function singleValue(query: QueryMap, name: string): string | undefined {
  const value = query[name]?.[0];
  return value === undefined || value === '' ? undefined : value;
}

/**
 * A range filter on an ISO timestamp (`createdTime=…`, `createdTime[gte]=…`), or
 * undefined when absent. Several operators combine with AND.
 *
 * @throws HttpError 400 `invalid_parameter` when a value is not a timestamp.
 */
export function timeRangeFilter(query: QueryMap, name: string): ((iso: string) => boolean) | undefined {
  const bounds = readRange(query, name, (raw) => {
    const ms = Date.parse(raw);
    return Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}/.test(raw) ? undefined : ms;
  });
  if (bounds === undefined) return undefined;
  return (iso) => matchesRange(Date.parse(iso), bounds);
}

/**
 * A range filter on a number (`totalAmount[gte]=20.99`), or undefined when absent.
 *
 * @throws HttpError 400 `invalid_parameter` when a value is not a number.
 */
export function numberRangeFilter(query: QueryMap, name: string): ((value: number) => boolean) | undefined {
  const bounds = readRange(query, name, (raw) => {
    const n = Number(raw);
    return raw.trim() === '' || !Number.isFinite(n) ? undefined : n;
  });
  if (bounds === undefined) return undefined;
  return (value) => matchesRange(value, bounds);
}

/**
 * The `limit` parameter: an integer from 1 to 100, default 10. What upstream does
 * out of range is not specified; the simulator answers 400 as §1.9 suggests.
 *
 * @throws HttpError 400 `invalid_parameter`, `parameter: "limit"`.
 */
export function parseLimit(query: QueryMap): number {
  const raw = query['limit']?.[0];
  if (raw === undefined) return 10;
  const n = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > 100) {
    throw invalidParameter('limit', `'limit' must be an integer between 1 and 100, got '${raw}'.`);
  }
  return n;
}

/**
 * One page of a collection, newest first, after filtering (§1.9).
 *
 * Cursors are object ids. A cursor is placed by its position in the whole collection,
 * not just the filtered list, so paging still works if the cursor object stopped
 * matching the filter between calls. With both cursors only `endingBefore` counts.
 * `hasMore` says whether more objects lie beyond the page in the paging direction.
 *
 * `candidates`, when given, holds every object the filter can match (found
 * through an index, see {@link candidatesOf}): only they are filtered and
 * ordered, instead of the whole collection.
 *
 * @throws HttpError 400 for a bad `limit` or a cursor id that does not exist.
 */
export function paginate<T extends Identified, W>(
  collection: Collection<T>,
  query: QueryMap,
  filter: (object: T) => boolean,
  render: (object: T) => W,
  candidates?: Iterable<T>,
): ListPage<W> {
  const limit = parseLimit(query);
  const endingBefore = query['endingBefore']?.[0];
  const startingAfter = query['startingAfter']?.[0];
  const matching = (candidates === undefined ? collection.sorted() : collection.inListOrder(candidates)).filter(filter);
  let page: T[];
  let hasMore: boolean;
  if (endingBefore !== undefined) {
    const cursor = resolveCursor(collection, 'endingBefore', endingBefore);
    const before = matching.filter((o) => collection.compare(o, cursor) < 0);
    page = before.slice(Math.max(0, before.length - limit));
    hasMore = before.length > limit;
  } else if (startingAfter !== undefined) {
    const cursor = resolveCursor(collection, 'startingAfter', startingAfter);
    const after = matching.filter((o) => collection.compare(o, cursor) > 0);
    page = after.slice(0, limit);
    hasMore = after.length > limit;
  } else {
    page = matching.slice(0, limit);
    hasMore = matching.length > limit;
  }
  return { hasMore, data: page.map(render) };
}

// Private: the object a cursor names, or a 400 naming the cursor parameter.
function resolveCursor<T extends Identified>(collection: Collection<T>, parameter: string, id: string): T {
  const cursor = collection.get(id);
  if (cursor === undefined) throw invalidParameter(parameter, `'${parameter}' refers to an unknown object '${id}'.`);
  return cursor;
}

// Private: operator → bound, from `name` and `name[op]` keys; undefined when none is present.
function readRange(query: QueryMap, name: string, parse: (raw: string) => number | undefined): Map<RangeOperator, number> | undefined {
  const bounds = new Map<RangeOperator, number>();
  for (const op of RANGE_OPERATORS) {
    const key = op === 'eq' && query[name] !== undefined ? name : `${name}[${op}]`;
    const raw = query[key]?.[0];
    if (raw === undefined) continue;
    const value = parse(raw);
    if (value === undefined) throw invalidParameter(key, `'${key}' has an invalid value '${raw}'.`);
    bounds.set(op, value);
  }
  return bounds.size > 0 ? bounds : undefined;
}

// Private: whether a value satisfies every bound.
function matchesRange(value: number, bounds: Map<RangeOperator, number>): boolean {
  for (const [op, bound] of bounds) {
    if (op === 'eq' && value !== bound) return false;
    if (op === 'gt' && !(value > bound)) return false;
    if (op === 'gte' && !(value >= bound)) return false;
    if (op === 'lt' && !(value < bound)) return false;
    if (op === 'lte' && !(value <= bound)) return false;
  }
  return true;
}

/**
 * Every object an `ids` filter or an indexed filter can match, without a
 * scan: the objects with those ids when `ids` is set, else those filed under
 * any of `keys` in the index `indexName`; undefined when neither filter is
 * set (the whole collection is a candidate). The filter still decides.
 */
export function candidatesOf<T extends Identified>(
  collection: Collection<T>,
  ids: ReadonlySet<string> | undefined,
  indexName?: string,
  keys?: ReadonlySet<string>,
): T[] | undefined {
  if (ids !== undefined) return [...ids].flatMap((id) => collection.get(id) ?? []);
  if (indexName === undefined || keys === undefined) return undefined;
  const found = new Map<string, T>();
  for (const key of keys) for (const object of collection.lookup(indexName, key)) found.set(object.id, object);
  return [...found.values()];
}
