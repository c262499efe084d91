// Hands out objects one sender at a time: an object is busy from its event's send until its push (or answer) frees it.

/** Objects that may be taken when idle, optionally only those matching a condition. */
export class ObjectSlots<T> {
  private readonly idle: T[];
  private readonly waiters: Array<{ accept: (item: T) => boolean; resolve: (item: T) => void }> = [];

  constructor(items: readonly T[]) {
    this.idle = [...items];
  }

  /** Resolves with the first idle object that `accept`s (oldest released first), waiting for one if needed. */
  take(accept: (item: T) => boolean = () => true): Promise<T> {
    const index = this.idle.findIndex(accept);
    if (index >= 0) return Promise.resolve(this.idle.splice(index, 1)[0] as T);
    return new Promise((resolve) => this.waiters.push({ accept, resolve }));
  }

  /** Makes `item` idle again, handing it to the first waiter that accepts it. */
  release(item: T): void {
    const index = this.waiters.findIndex((waiter) => waiter.accept(item));
    if (index >= 0) {
      const [waiter] = this.waiters.splice(index, 1);
      waiter?.resolve(item);
      return;
    }
    this.idle.push(item);
  }
}
