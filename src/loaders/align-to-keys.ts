// Lines batch results up with DataLoader keys: same length, same order, an Error in each missing key's slot.

/**
 * Returns one entry per key: the item whose `keyOf` equals the key, or
 * `missing(key)` (an Error) when upstream returned none. Ids are compared as
 * opaque strings (quirk 3).
 */
export function alignToKeys<T>(
  keys: readonly string[],
  items: readonly T[],
  keyOf: (item: T) => string,
  missing: (key: string) => Error,
): Array<T | Error> {
  const byKey = new Map<string, T>();
  for (const item of items) byKey.set(keyOf(item), item);
  return keys.map((key) => byKey.get(key) ?? missing(key));
}

/** Groups items under each key (an empty list for keys with none), for one-to-many loads. */
export function groupByKeys<T>(keys: readonly string[], items: readonly T[], keyOf: (item: T) => string | undefined): T[][] {
  const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
  for (const item of items) {
    const key = keyOf(item);
    if (key !== undefined) groups.get(key)?.push(item);
  }
  return keys.map((key) => groups.get(key) ?? []);
}

/** A rejection reason as an Error, so it can fill DataLoader slots. */
export function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Per key of a one-to-many batch: the key's refused check (its error), else
 * the list's failure, else the list, each item handed to `each` first (to
 * prime a by-id loader).
 */
export function settleChecked<T>(
  lists: ReadonlyArray<T[] | Error>,
  checks: ReadonlyArray<unknown>,
  each: (item: T) => void,
): Array<T[] | Error> {
  return lists.map((list, index) => {
    const check = checks[index];
    if (check instanceof Error) return check;
    if (list instanceof Error) return list;
    for (const item of list) each(item);
    return list;
  });
}
