// One in-memory resource collection: lookup by id and a stable newest-first order.

import { timeSortKey } from './time';

/** What every stored upstream object has: an id and an ISO `createdTime`. */
export interface Identified {
  id: string;
  createdTime: string;
}

/**
 * A keyed collection that also knows upstream's list order: newest first by
 * `createdTime`, ties broken by id descending, so the order is total and stable
 * and id cursors always point at one place.
 *
 * The sorted view is cached and rebuilt only after an insert, so list endpoints
 * stay cheap under benchmark load.
 */
export class Collection<T extends Identified> {
  private readonly byId = new Map<string, T>();
  private sortedCache: T[] | undefined;

  /** Adds an object, or replaces the object with the same id. */
  put(object: T): void {
    this.byId.set(object.id, object);
    this.sortedCache = undefined;
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

  /** Every object, newest first. The array is shared: do not mutate it. */
  sorted(): readonly T[] {
    if (this.sortedCache === undefined) {
      this.sortedCache = [...this.byId.values()].sort((a, b) => this.compare(a, b));
    }
    return this.sortedCache;
  }

  /** Removes the object with this id; returns whether there was one. */
  delete(id: string): boolean {
    const removed = this.byId.delete(id);
    if (removed) this.sortedCache = undefined;
    return removed;
  }

  /** Removes every object. */
  clear(): void {
    this.byId.clear();
    this.sortedCache = undefined;
  }

  /**
   * List-order comparison: negative when `a` is listed before `b` (newer, or the
   * same instant with the greater id).
   */
  compare(a: T, b: T): number {
    const ka = timeSortKey(a.createdTime);
    const kb = timeSortKey(b.createdTime);
    if (ka !== kb) return ka < kb ? 1 : -1;
    if (a.id === b.id) return 0;
    return a.id < b.id ? 1 : -1;
  }
}
