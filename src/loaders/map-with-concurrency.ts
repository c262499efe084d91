// Runs one async call per key with at most `limit` in flight; failures stay in their own slot.

/**
 * Maps `keys` through `task`, keeping at most `limit` calls in flight. Each
 * rejected task yields its Error in that key's slot, so one failing key never
 * fails the others (DataLoader's batch contract).
 */
export async function mapWithConcurrency<T>(
  keys: readonly string[],
  limit: number,
  task: (key: string) => Promise<T>,
): Promise<Array<T | Error>> {
  const results = new Array<T | Error>(keys.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < keys.length) {
      const index = next;
      next += 1;
      try {
        results[index] = await task(keys[index] as string);
      } catch (error) {
        results[index] = error instanceof Error ? error : new Error(String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, keys.length) }, worker));
  return results;
}
