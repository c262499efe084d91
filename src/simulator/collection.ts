// One in-memory resource collection: lookup by id, secondary indexes, and a stable newest-first order kept up to date on every write.

import { timeSortKey } from './time';

/** What every stored upstream object has: an id and an ISO `createdTime`. */
export interface Identified {
  id: string;
  createdTime: string;
}

/** A secondary index: the key an object is found under (undefined: not indexed). */
export type IndexKey<T> = (object: T) => string | undefined;

/** One secondary index and, per id, the key the object was filed under (objects may change in place before `put`). */
interface Index<T> {
  keyOf: IndexKey<T>;
  buckets: Map<string, Map<string, T>>;
  filedUnder: Map<string, string>;
}

/**
 * A keyed collection that also knows upstream's list order: newest first by
 * `createdTime`, ties broken by id descending, so the order is total and stable
 * and id cursors always point at one place.
 *
 * The list order is kept as writes happen (binary search and one splice, with
 * each object's sort key computed once), and named secondary indexes answer
 * "the objects whose upstreamId is …" without a scan: under benchmark load
 * (10,000 orders, cancellations filed every few milliseconds) re-sorting and
 * scanning on every list call took a whole core.
 */
export class Collection<T extends Identified> {
  private readonly byId = new Map<string, T>();
  /** Sort key per id, as filed (what `createdTime` was at the last `put`). */
  private readonly sortKeys = new Map<string, string>();
  private readonly indexes = new Map<string, Index<T>>();
  private sortedList: T[] | undefined;
  /** Whether `sortedList` was handed out: the next write copies it first, so readers iterating it see a stable array. */
  private sortedShared = false;

  /** @param indexes secondary indexes by name, e.g. `{ upstreamId: (fo) => fo.upstreamId }`. */
  constructor(indexes: Readonly<Record<string, IndexKey<T>>> = {}) {
    for (const [name, keyOf] of Object.entries(indexes)) this.indexes.set(name, { keyOf, buckets: new Map(), filedUnder: new Map() });
  }

  /** Adds an object, or replaces the object with the same id. */
  put(object: T): void {
    const previousKey = this.sortKeys.get(object.id);
    const sortKey = timeSortKey(object.createdTime);
    if (this.sortedList !== undefined) {
      const list = this.writableList();
      if (previousKey !== undefined) {
        const at = this.positionOf(list, previousKey, object.id);
        if (previousKey === sortKey) {
          list[at] = object;
        } else {
          list.splice(at, 1);
          list.splice(this.positionOf(list, sortKey, object.id), 0, object);
        }
      } else {
        list.splice(this.positionOf(list, sortKey, object.id), 0, object);
      }
    }
    this.byId.set(object.id, object);
    this.sortKeys.set(object.id, sortKey);
    for (const index of this.indexes.values()) {
      unfile(index, object.id);
      const key = index.keyOf(object);
      if (key === undefined) continue;
      let bucket = index.buckets.get(key);
      if (bucket === undefined) {
        bucket = new Map();
        index.buckets.set(key, bucket);
      }
      bucket.set(object.id, object);
      index.filedUnder.set(object.id, key);
    }
  }

  /** The object with this id, if any. */
  get(id: string): T | undefined {
    return this.byId.get(id);
  }

  /** Whether an object with this id exists. */
  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** How many objects the collection holds. */
  get size(): number {
    return this.byId.size;
  }

  /** Every object, newest first. The array is shared: do not mutate it (later writes do not change it either). */
  sorted(): readonly T[] {
    if (this.sortedList === undefined) {
      this.sortedList = [...this.byId.values()].sort((a, b) => this.compare(a, b));
    }
    this.sortedShared = true;
    return this.sortedList;
  }

  /** The objects filed under `key` in the index `name`, in no particular order. */
  lookup(name: string, key: string): T[] {
    const index = this.indexes.get(name);
    if (index === undefined) throw new Error(`no index named ${name}`);
    return [...(index.buckets.get(key)?.values() ?? [])];
  }

  /** Removes the object with this id; returns whether there was one. */
  delete(id: string): boolean {
    const sortKey = this.sortKeys.get(id);
    if (sortKey === undefined) return false;
    if (this.sortedList !== undefined) {
      const list = this.writableList();
      list.splice(this.positionOf(list, sortKey, id), 1);
    }
    this.byId.delete(id);
    this.sortKeys.delete(id);
    for (const index of this.indexes.values()) unfile(index, id);
    return true;
  }

  /** Removes every object. */
  clear(): void {
    this.byId.clear();
    this.sortKeys.clear();
    for (const index of this.indexes.values()) {
      index.buckets.clear();
      index.filedUnder.clear();
    }
    this.sortedList = undefined;
  }

  /**
   * List-order comparison: negative when `a` is listed before `b` (newer, or the
   * same instant with the greater id).
   */
  compare(a: T, b: T): number {
    return compareKeys(this.sortKeys.get(a.id) ?? timeSortKey(a.createdTime), a.id, this.sortKeys.get(b.id) ?? timeSortKey(b.createdTime), b.id);
  }

  /** The list order of `objects` (a new array). */
  inListOrder(objects: Iterable<T>): T[] {
    return [...objects].sort((a, b) => this.compare(a, b));
  }

  // Private: the sorted list, copied first when a reader holds it.
  private writableList(): T[] {
    const list = this.sortedList as T[];
    if (!this.sortedShared) return list;
    this.sortedShared = false;
    this.sortedList = [...list];
    return this.sortedList;
  }

  // Private: where (sortKey, id) is or would be in `list` (binary search; the first position not before it).
  private positionOf(list: readonly T[], sortKey: string, id: string): number {
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const other = list[middle] as T;
      if (compareKeys(this.sortKeys.get(other.id) as string, other.id, sortKey, id) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

// Private: list order of two (sort key, id) pairs: the newer first, then the greater id.
function compareKeys(keyA: string, idA: string, keyB: string, idB: string): number {
  if (keyA !== keyB) return keyA < keyB ? 1 : -1;
  if (idA === idB) return 0;
  return idA < idB ? 1 : -1;
}

// Private: takes an id out of the bucket it was filed under.
function unfile<T>(index: Index<T>, id: string): void {
  const key = index.filedUnder.get(id);
  if (key === undefined) return;
  index.filedUnder.delete(id);
  const bucket = index.buckets.get(key);
  bucket?.delete(id);
  if (bucket?.size === 0) index.buckets.delete(key);
}
