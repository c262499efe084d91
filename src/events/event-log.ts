// Remembers which event ids were received (upstream retries for days), with bounded memory.

/** The de-duplication seam: memory now, Redis behind the same interface for several instances. */
export interface EventLog {
  /** True the first time an id is seen (and records it); false for a repeat. Atomic per id. */
  recordIfNew(eventId: string): Promise<boolean>;
  /** Forgets an id whose processing must be redone (the receipt failed before it was answered). */
  forget(eventId: string): Promise<void>;
}

/** Settings of {@link createMemoryEventLog}. */
export interface MemoryEventLogOptions {
  /** Ids kept at most; the oldest go first. Defaults to 200_000 (about 20 MB). */
  maxEntries?: number;
  /** How long an id is kept. Defaults to 72 hours, upstream's live-mode retry window. */
  ttlMs?: number;
  now?: () => number;
}

/**
 * An in-memory event log: a Map in insertion order, trimmed from the front
 * when it passes `maxEntries` or when its oldest entry passes `ttlMs`.
 */
export function createMemoryEventLog({ maxEntries = 200_000, ttlMs = 72 * 3600_000, now = Date.now }: MemoryEventLogOptions = {}): EventLog {
  const seen = new Map<string, number>();
  const trim = (at: number): void => {
    for (const [id, time] of seen) {
      if (seen.size <= maxEntries && at - time <= ttlMs) break;
      seen.delete(id);
    }
  };
  return {
    async recordIfNew(eventId) {
      const at = now();
      trim(at);
      if (seen.has(eventId)) return false;
      seen.set(eventId, at);
      return true;
    },
    async forget(eventId) {
      seen.delete(eventId);
    },
  };
}
