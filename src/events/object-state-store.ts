// Per-object ordering and last known state: state never goes backwards, and previousState has a fallback.

/** What the store decided for one event about one object. */
export interface OrderingDecision {
  /** False when a newer event for the object was already applied: nothing is pushed. */
  apply: boolean;
  /** The state last seen for the object before this event, if any. */
  previousState: string | null;
  /**
   * True when this very event was already applied (a retry, or another
   * instance taking over unfinished work): it must not be pushed again.
   */
  duplicate: boolean;
}

/** The ordering seam: memory now, Redis (atomic, shared) for several instances. */
export interface ObjectStateStore {
  /**
   * Applies an event about `objectKey` at `atMicros` carrying `state` (when the
   * object has one): atomically keeps the newest time and state per object.
   */
  apply(objectKey: string, atMicros: number, state: string | null, eventId: string): Promise<OrderingDecision>;
}

/** Settings of {@link createMemoryObjectStateStore}. */
export interface MemoryObjectStateOptions {
  /** Objects remembered at most; least recently updated go first. Defaults to 100_000. */
  maxObjects?: number;
}

/** An in-memory store for one instance. */
export function createMemoryObjectStateStore({ maxObjects = 100_000 }: MemoryObjectStateOptions = {}): ObjectStateStore {
  const objects = new Map<string, { at: number; state: string | null; eventId: string; previous: string | null }>();
  return {
    async apply(objectKey, atMicros, state, eventId) {
      const known = objects.get(objectKey);
      if (known?.eventId === eventId) return { apply: false, previousState: known.previous, duplicate: true };
      if (known !== undefined && known.at > atMicros) return { apply: false, previousState: known.state, duplicate: false };
      // Re-insert so the Map's order is least recently updated first.
      objects.delete(objectKey);
      objects.set(objectKey, { at: atMicros, state: state ?? known?.state ?? null, eventId, previous: known?.state ?? null });
      if (objects.size > maxObjects) {
        const oldest = objects.keys().next().value;
        if (oldest !== undefined) objects.delete(oldest);
      }
      return { apply: true, previousState: known?.state ?? null, duplicate: false };
    },
  };
}
