// The gateway's own rate budget: the per-window guarantee seen at a real server, bounded waits, FIFO order, rate 0; its timing on fake timers.
import { type ResilientUpstreamClient, type UpstreamCallRecord, type UpstreamClientOptions, createUpstreamClient } from '../../src/upstream/client';
import { UpstreamRateLimitedError } from '../../src/upstream/errors';
import { type RateBudget, createMemoryRateBudget, unlimitedRateBudget } from '../../src/upstream/rate-budget';
import { type FakeUpstream, errorBody, startFakeUpstream } from './fake-upstream';

const context = { requestId: 'req-budget' };

/** The most arrivals found in any window of `windowMs` that starts at an arrival (the worst windows all do). */
function busiestWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let busiest = 0;
  for (let start = 0; start < sorted.length; start += 1) {
    let end = start;
    while (end < sorted.length && sorted[end]! < sorted[start]! + windowMs) end += 1;
    busiest = Math.max(busiest, end - start);
  }
  return busiest;
}

describe('rate budget through the client', () => {
  let fake: FakeUpstream;
  const clients: ResilientUpstreamClient[] = [];
  let calls: UpstreamCallRecord[];

  const client = (overrides: Partial<UpstreamClientOptions>): ResilientUpstreamClient => {
    const created = createUpstreamClient({
      baseUrl: fake.baseUrl,
      apiKey: 'sk_test_budget',
      applicationId: 'gw/test',
      timeoutMs: 1_000,
      connections: 32,
      onCall: (call) => calls.push(call),
      ...overrides,
    });
    clients.push(created);
    return created;
  };

  beforeEach(async () => {
    fake = await startFakeUpstream();
    calls = [];
  });

  afterEach(async () => {
    for (const created of clients.splice(0)) await created.close();
    await fake.stop();
  });

  it('spreads 30 concurrent calls at 10/s so that no 1-second window sees more than 10 at upstream', async () => {
    // Real arrivals at a real server, so wall-clock by nature (the window logic itself is proven on fake timers
    // below). 30 calls at 10 per window need about two windows of waiting, past the default 2 s bound. The pool
    // starts cold: the first ten open fresh connections and reach the server later than pooled ones do, so the
    // margin must exceed that spread for the guarantee to hold at upstream's end. The spread is a few ms to
    // ~70 ms once the process has made one HTTP call; the very first call of a process also pays for loading
    // and compiling the HTTP stack (up to 0.5 s on a loaded machine), which says nothing about the budget: an
    // unbudgeted call through another client pays it first, and 500 ms of margin leaves room for a busy CI.
    await client({ rateBudget: unlimitedRateBudget }).get('orders', 'warm-up', context);
    fake.hits.length = 0;
    const budgeted = client({ rateBudget: createMemoryRateBudget(10, { maxWaitMs: 5_000, marginMs: 500 }) });
    const started = performance.now();
    await Promise.all(Array.from({ length: 30 }, (_, index) => budgeted.get('orders', String(index), context)));
    // A lower bound only: a busy machine makes it slower, never faster.
    expect(performance.now() - started).toBeGreaterThanOrEqual(3_000);
    expect(fake.hits).toHaveLength(30);
    expect(busiestWindow(fake.hits.map((hit) => hit.at), 1_000)).toBe(10);
  });

  it('refuses a call that would wait past the bound, with source budget and no upstream hit', async () => {
    const budgeted = client({ rateBudget: createMemoryRateBudget(1, { maxWaitMs: 100 }) });
    await budgeted.get('orders', '1', context);
    const started = performance.now();
    const error = await budgeted.get('orders', '2', context).catch((caught: unknown) => caught);
    // A lower bound only (it waited for its bound before giving up); the exact wait is checked on fake timers below.
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
    expect(error).toBeInstanceOf(UpstreamRateLimitedError);
    expect(error).toMatchObject({ source: 'budget', info: { method: 'GET', path: '/orders/2' } });
    expect((error as Error).message).toContain("gateway's own upstream rate budget");
    expect(fake.hits).toHaveLength(1);
    expect(calls.map((call) => call.outcome)).toEqual(['ok', 'rate_budget']);
  });

  it('takes a token for every retry too', async () => {
    // Each token is recorded with the number of requests upstream had seen when it was granted.
    const inner = createMemoryRateBudget(1);
    const grantedAfterHits: number[] = [];
    const recording: RateBudget = { acquire: async (options) => { await inner.acquire(options); grantedAfterHits.push(fake.hits.length); } };
    const budgeted = client({ rateBudget: recording, retry: { random: () => 0 } });
    fake.reply = (_hit, index) => (index === 0 ? { status: 503, body: errorBody('service_unavailable') } : { status: 200 });
    await budgeted.get('orders', '1', context);
    expect(fake.hits).toHaveLength(2);
    expect(grantedAfterHits).toEqual([0, 1]);
  });

  it('sends no retry the budget refuses', async () => {
    // Rate 1 and no waiting: the first attempt spends the only token, so the retry after the 503 is refused unsent
    // (and the caller sees upstream's own failure).
    const budgeted = client({ rateBudget: createMemoryRateBudget(1, { maxWaitMs: 0 }), retry: { random: () => 0 } });
    fake.reply = () => ({ status: 503, body: errorBody('service_unavailable') });
    await expect(budgeted.get('orders', '1', context)).rejects.toMatchObject({ status: 503 });
    expect(fake.hits).toHaveLength(1);
    expect(calls.map((call) => call.outcome)).toEqual(['http_error', 'rate_budget']);
  });

  it('does not wait at all with rate 0: every call is at upstream before any is answered', async () => {
    // The fake answers nothing until all 30 requests arrived; a budget that held one back would leave them all
    // unanswered until the client's timeout, and the test would fail.
    const unbudgeted = client({ rateBudget: createMemoryRateBudget(0), timeoutMs: 10_000 });
    let allArrived: () => void = () => undefined;
    const barrier = new Promise<void>((resolve) => { allArrived = resolve; });
    fake.reply = (_hit, index) => {
      if (index === 29) allArrived();
      return { status: 200, until: barrier };
    };
    await Promise.all(Array.from({ length: 30 }, (_, index) => unbudgeted.get('orders', String(index), context)));
    expect(fake.hits).toHaveLength(30);
    expect(calls.map((call) => call.outcome)).toEqual(Array.from({ length: 30 }, () => 'ok'));
  });
});

describe('createMemoryRateBudget', () => {
  // Every timing below is on Jest's fake clock: setTimeout and performance.now move only when the test says so.
  beforeEach(() => {
    jest.useFakeTimers();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  /** Grants in the order and at the (fake) times they happen, relative to the start. */
  function recordGrants(budget: RateBudget, count: number): { order: number[]; times: number[] } {
    const started = performance.now();
    const order: number[] = [];
    const times: number[] = [];
    for (let index = 0; index < count; index += 1) {
      void budget.acquire().then(() => {
        order.push(index);
        times.push(performance.now() - started);
      });
    }
    return { order, times };
  }

  it('lets a burst of `rate` through at once, then serves waiters first in, first out, one window later', async () => {
    const budget = createMemoryRateBudget(5, { marginMs: 0 });
    const { order, times } = recordGrants(budget, 10);
    await jest.advanceTimersByTimeAsync(0);
    expect(times).toEqual([0, 0, 0, 0, 0]);
    await jest.advanceTimersByTimeAsync(999);
    expect(times).toHaveLength(5);
    await jest.advanceTimersByTimeAsync(1);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(times).toEqual([0, 0, 0, 0, 0, 1_000, 1_000, 1_000, 1_000, 1_000]);
  });

  it('grants at most `rate` in any window of 1 s plus the default 100 ms margin', async () => {
    const budget = createMemoryRateBudget(10, { maxWaitMs: 5_000 });
    const { times } = recordGrants(budget, 30);
    await jest.advanceTimersByTimeAsync(5_000);
    expect(times).toEqual([...Array(10).fill(0), ...Array(10).fill(1_100), ...Array(10).fill(2_200)]);
    expect(busiestWindow(times, 1_100)).toBe(10);
    // And not more cautious than that: a window 1 ms longer sees the next grants.
    expect(busiestWindow(times, 1_101)).toBe(20);
  });

  it('refuses at once when the queue is full', async () => {
    const budget = createMemoryRateBudget(1, { maxQueue: 2, maxWaitMs: 300 });
    await budget.acquire();
    const queued = [budget.acquire().catch((error: unknown) => error), budget.acquire().catch((error: unknown) => error)];
    // No timer advances: the refusal needs no time at all.
    await expect(budget.acquire()).rejects.toMatchObject({ source: 'budget' });
    await jest.advanceTimersByTimeAsync(300);
    expect(await Promise.all(queued)).toEqual([expect.any(UpstreamRateLimitedError), expect.any(UpstreamRateLimitedError)]);
  });

  it('honours a caller\'s smaller wait bound, to the millisecond', async () => {
    const budget = createMemoryRateBudget(1);
    await budget.acquire();
    await expect(budget.acquire({ maxWaitMs: 0 })).rejects.toBeInstanceOf(UpstreamRateLimitedError);
    let outcome: unknown;
    void budget.acquire({ maxWaitMs: 30 }).then(() => { outcome = 'granted'; }, (error: unknown) => { outcome = error; });
    await jest.advanceTimersByTimeAsync(29);
    expect(outcome).toBeUndefined();
    await jest.advanceTimersByTimeAsync(1);
    expect(outcome).toBeInstanceOf(UpstreamRateLimitedError);
  });

  it('waits its own bound (the default 2 s) and no longer before refusing', async () => {
    const budget = createMemoryRateBudget(1, { marginMs: 5_000 });
    await budget.acquire();
    let outcome: unknown;
    void budget.acquire().then(() => { outcome = 'granted'; }, (error: unknown) => { outcome = error; });
    await jest.advanceTimersByTimeAsync(1_999);
    expect(outcome).toBeUndefined();
    await jest.advanceTimersByTimeAsync(1);
    expect(outcome).toMatchObject({ source: 'budget' });
  });

  it('lets an aborted waiter leave without holding up the next one', async () => {
    const budget = createMemoryRateBudget(1, { marginMs: 0 });
    await budget.acquire();
    const controller = new AbortController();
    const aborted = budget.acquire({ signal: controller.signal });
    let nextGranted = false;
    void budget.acquire().then(() => { nextGranted = true; });
    controller.abort(new Error('caller gave up'));
    await expect(aborted).rejects.toThrow('caller gave up');
    // The next waiter gets the token the aborted one would have had, one window after the first grant.
    await jest.advanceTimersByTimeAsync(999);
    expect(nextGranted).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(nextGranted).toBe(true);
  });

  it('is a no-op at rate 0 and refuses nonsense rates', async () => {
    expect(createMemoryRateBudget(0)).toBe(unlimitedRateBudget);
    await Promise.all(Array.from({ length: 1_000 }, () => unlimitedRateBudget.acquire()));
    expect(() => createMemoryRateBudget(-1)).toThrow('ratePerSecond must be a whole number');
    expect(() => createMemoryRateBudget(2.5)).toThrow('ratePerSecond must be a whole number');
  });
});
