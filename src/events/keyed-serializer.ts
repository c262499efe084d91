// Runs tasks that share a key one after another, in the order they were handed in; tasks with other keys run alongside.

/** Serializes work per key. */
export interface KeyedSerializer {
  /** Runs `task` once every earlier task of `key` has settled; resolves or rejects with its outcome. */
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** Keys with work queued or running (for tests and leak checks). */
  size(): number;
}

/**
 * Events reach the queue in upstream's order, but each one's processing
 * awaits lookups of its own (ownership, Redis), so two events about one
 * object could finish in the wrong order: the ordering guard would then
 * take the earlier one for stale and drop a state change that was never
 * out of order. Handling one object's events one at a time keeps their
 * order; different objects still proceed side by side.
 */
export function createKeyedSerializer(): KeyedSerializer {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(key, task) {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(task, task);
      const tail = result.catch(() => undefined);
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
    size: () => tails.size,
  };
}
