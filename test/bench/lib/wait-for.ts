// Polls a condition until it holds, for state another process reaches on its own (subscriptions registered, sockets closed).
import { BenchmarkError } from './validate';

/**
 * Calls `read` every `everyMs` until `done(value)` holds, and returns that value.
 *
 * @throws BenchmarkError with `what` and the last value read after `timeoutMs`.
 */
export async function waitFor<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 120_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!done(last)) {
    if (Date.now() > deadline) throw new BenchmarkError(`${what}: still ${JSON.stringify(last)} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
    last = await read();
  }
  return last;
}
