// Retrying an event's processing, on fake timers: doubling waits, a bounded number of attempts, and an abort that ends the wait and starts nothing new.
import { retryProcessing } from '../../src/events/retry-processing';
import { createLogger } from '../../src/logger';

const logger = createLogger('silent');

/** Work that fails `failures` times, then succeeds; records the (fake) time of every attempt. */
function flaky(failures: number): { work: (attempt: number) => Promise<string>; attemptsAt: number[] } {
  const started = performance.now();
  const attemptsAt: number[] = [];
  return {
    attemptsAt,
    work: async (attempt) => {
      attemptsAt.push(performance.now() - started);
      if (attempt <= failures) throw new Error(`attempt ${attempt} failed`);
      return 'done';
    },
  };
}

describe('retryProcessing', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('waits 200, 400, 800 ms between attempts and returns the first success', async () => {
    const { work, attemptsAt } = flaky(3);
    const result = retryProcessing(work, logger, 'evt-1');
    await jest.advanceTimersByTimeAsync(1_400);
    await expect(result).resolves.toBe('done');
    expect(attemptsAt).toEqual([0, 200, 600, 1_400]);
  });

  it('gives up after five attempts with the last failure', async () => {
    const { work, attemptsAt } = flaky(10);
    const result = retryProcessing(work, logger, 'evt-2').catch((error: unknown) => error);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(await result).toEqual(new Error('attempt 5 failed'));
    expect(attemptsAt).toEqual([0, 200, 600, 1_400, 3_000]);
  });

  it('ends the wait at once on abort and starts no further attempt', async () => {
    const { work, attemptsAt } = flaky(10);
    const controller = new AbortController();
    const result = retryProcessing(work, logger, 'evt-3', { signal: controller.signal }).catch((error: unknown) => error);
    await jest.advanceTimersByTimeAsync(250);
    expect(attemptsAt).toEqual([0, 200]);
    controller.abort();
    // Not one more millisecond passes: the 400 ms wait is over.
    await jest.advanceTimersByTimeAsync(0);
    expect(await result).toEqual(new Error('attempt 2 failed'));
    await jest.advanceTimersByTimeAsync(10_000);
    expect(attemptsAt).toEqual([0, 200]);
  });

  it('starts nothing when stopped before the first attempt (the event waited its turn)', async () => {
    const { work, attemptsAt } = flaky(0);
    const controller = new AbortController();
    controller.abort();
    await expect(retryProcessing(work, logger, 'evt-4', { signal: controller.signal })).rejects.toThrow('processing of event evt-4 stopped before it began');
    expect(attemptsAt).toEqual([]);
  });
});
