// Waiting upstream calls grouped by caller and served in turn: round robin across callers, first in, first out within one.

/** What the queue holds: anything that can give up waiting on its own (a wait bound, an abort). */
export interface QueueItem {
  /** True once the item left the queue by itself; it is then skipped and dropped lazily. */
  readonly settled: boolean;
}

/** One caller's waiting items, oldest first; `head` is the next one to serve. */
interface CallerLine<T> {
  items: T[];
  head: number;
}

/** An item taken from the queue, with the caller it waited for. */
export interface Turn<T> {
  caller: string;
  item: T;
}

/**
 * A queue of waiting items, one line per caller. {@link FairQueue.take}
 * serves the callers in turn: the caller served last goes to the back, a
 * caller that starts waiting joins at the back, so with `n` callers waiting
 * each is served at least once every `n` turns, however many items any one
 * of them queued. Within one caller, items leave in arrival order.
 *
 * The queue does not count: items that settle by themselves stay in place
 * until a {@link FairQueue.take} or {@link FairQueue.peek} walks past them, so
 * the owner keeps the count of unsettled items.
 */
export class FairQueue<T extends QueueItem> {
  /** Callers with items, in turn order (a Map keeps insertion order; re-inserting moves a caller to the back). */
  private lines = new Map<string, CallerLine<T>>();

  /**
   * @param priorityCaller a caller served before every other whenever it has
   *   an eligible item waiting: the gateway's own work (webhook processing,
   *   whose reads feed live pushes), which no client controls and which would
   *   otherwise get one turn in as many as there are clients waiting.
   */
  constructor(private readonly priorityCaller?: string) {}

  /** Appends `item` to `caller`'s line; a caller with no line yet joins the turn order at the back. */
  push(caller: string, item: T): void {
    const line = this.lines.get(caller);
    if (line === undefined) this.lines.set(caller, { items: [item], head: 0 });
    else line.items.push(item);
  }

  /**
   * The next item in turn among callers for which `eligible` says yes, left
   * in the queue. Callers passed over keep their place.
   */
  peek(eligible: (caller: string) => boolean = always): Turn<T> | undefined {
    if (this.priorityCaller !== undefined) {
      const line = this.lines.get(this.priorityCaller);
      const item = line === undefined ? undefined : this.front(this.priorityCaller, line);
      if (item !== undefined && eligible(this.priorityCaller)) return { caller: this.priorityCaller, item };
    }
    for (const [caller, line] of this.lines) {
      const item = this.front(caller, line);
      if (item !== undefined && eligible(caller)) return { caller, item };
    }
    return undefined;
  }

  /**
   * Removes and returns the next item in turn among eligible callers; its
   * caller moves to the back of the turn order (or leaves it, with nothing
   * left to wait for).
   */
  take(eligible: (caller: string) => boolean = always): Turn<T> | undefined {
    const turn = this.peek(eligible);
    if (turn === undefined) return undefined;
    const line = this.lines.get(turn.caller) as CallerLine<T>;
    line.head += 1;
    this.lines.delete(turn.caller);
    if (this.front(turn.caller, line) !== undefined) {
      // Dropping the served prefix now and then keeps a long line's memory bounded without a shift() per item.
      if (line.head > 1_024 && line.head * 2 > line.items.length) {
        line.items = line.items.slice(line.head);
        line.head = 0;
      }
      this.lines.set(turn.caller, line);
    }
    return turn;
  }

  /** The callers that have (possibly settled) items waiting, in turn order. */
  callers(): IterableIterator<string> {
    return this.lines.keys();
  }

  /** Forgets every item (the owner knows none is unsettled). */
  clear(): void {
    this.lines = new Map();
  }

  // Private: the oldest unsettled item of `line`, dropping settled ones before it (and the line, once empty).
  private front(caller: string, line: CallerLine<T>): T | undefined {
    while (line.head < line.items.length) {
      const item = line.items[line.head] as T;
      if (!item.settled) return item;
      line.head += 1;
    }
    this.lines.delete(caller);
    return undefined;
  }
}

function always(): boolean {
  return true;
}
