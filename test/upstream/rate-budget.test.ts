// The gateway's own rate budget: the per-window guarantee seen at a real server, bounded waits, FIFO order, rate 0.
import { type ResilientUpstreamClient, type UpstreamCallRecord, type UpstreamClientOptions, createUpstreamClient } from '../../src/upstream/client';
import { UpstreamRateLimitedError } from '../../src/upstream/errors';
import { createMemoryRateBudget, unlimitedRateBudget } from '../../src/upstream/rate-budget';
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
    // 30 calls at 10 per window need about two windows of waiting, past the default 2 s bound. The pool starts
    // cold: the first ten open fresh connections and reach the server up to ~70 ms later than pooled ones
    // do, so the margin must exceed that spread for the guarantee to hold at upstream's end.
    const budgeted = client({ rateBudget: createMemoryRateBudget(10, { maxWaitMs: 5_000, marginMs: 250 }) });
    const started = performance.now();
    await Promise.all(Array.from({ length: 30 }, (_, index) => budgeted.get('orders', String(index), context)));
    expect(performance.now() - started).toBeGreaterThanOrEqual(2_500);
    expect(fake.hits).toHaveLength(30);
    expect(busiestWindow(fake.hits.map((hit) => hit.at), 1_000)).toBe(10);
  });

  it('refuses a call that would wait past the bound, with source budget and no upstream hit', async () => {
    const budgeted = client({ rateBudget: createMemoryRateBudget(1, { maxWaitMs: 100 }) });
    await budgeted.get('orders', '1', context);
    const started = performance.now();
    const error = await budgeted.get('orders', '2', context).catch((caught: unknown) => caught);
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
    expect(error).toBeInstanceOf(UpstreamRateLimitedError);
    expect(error).toMatchObject({ source: 'budget', info: { method: 'GET', path: '/orders/2' } });
    expect((error as Error).message).toContain("gateway's own upstream rate budget");
    expect(fake.hits).toHaveLength(1);
    expect(calls.map((call) => call.outcome)).toEqual(['ok', 'rate_budget']);
  });

  it('takes a token for every retry too', async () => {
    const budgeted = client({ rateBudget: createMemoryRateBudget(1), retry: { random: () => 0 } });
    fake.reply = (_hit, index) => (index === 0 ? { status: 503, body: errorBody('service_unavailable') } : { status: 200 });
    await budgeted.get('orders', '1', context);
    expect(fake.hits).toHaveLength(2);
    expect(fake.hits[1]!.at - fake.hits[0]!.at).toBeGreaterThanOrEqual(1_000);
  });

  it('does not wait at all with rate 0', async () => {
    const unbudgeted = client({ rateBudget: createMemoryRateBudget(0) });
    const started = performance.now();
    await Promise.all(Array.from({ length: 50 }, (_, index) => unbudgeted.get('orders', String(index), context)));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(fake.hits).toHaveLength(50);
  });
});

describe('createMemoryRateBudget', () => {
  it('lets a burst of `rate` through at once, then serves waiters first in, first out', async () => {
    const budget = createMemoryRateBudget(5, { marginMs: 0 });
    const order: number[] = [];
    const started = performance.now();
    const grants = Array.from({ length: 10 }, (_, index) => budget.acquire().then(() => {
      order.push(index);
      return performance.now() - started;
    }));
    const times = await Promise.all(grants);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(times.slice(0, 5).every((time) => time < 50)).toBe(true);
    expect(times.slice(5).every((time) => time >= 999)).toBe(true);
  });

  it('grants at most `rate` in any window of 1 s plus the default 100 ms margin', async () => {
    const budget = createMemoryRateBudget(10, { maxWaitMs: 5_000 });
    const times: number[] = [];
    await Promise.all(Array.from({ length: 30 }, () => budget.acquire().then(() => times.push(performance.now()))));
    expect(busiestWindow(times, 1_099)).toBe(10);
    expect(busiestWindow(times, 1_101)).toBeGreaterThan(10);
  });

  it('refuses at once when the queue is full', async () => {
    const budget = createMemoryRateBudget(1, { maxQueue: 2, maxWaitMs: 300 });
    await budget.acquire();
    const queued = [budget.acquire().catch((error: unknown) => error), budget.acquire().catch((error: unknown) => error)];
    const started = performance.now();
    await expect(budget.acquire()).rejects.toMatchObject({ source: 'budget' });
    expect(performance.now() - started).toBeLessThan(100);
    await Promise.all(queued);
  });

  it('honours a caller\'s smaller wait bound', async () => {
    const budget = createMemoryRateBudget(1);
    await budget.acquire();
    await expect(budget.acquire({ maxWaitMs: 0 })).rejects.toBeInstanceOf(UpstreamRateLimitedError);
    const started = performance.now();
    await expect(budget.acquire({ maxWaitMs: 30 })).rejects.toBeInstanceOf(UpstreamRateLimitedError);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('lets an aborted waiter leave without holding up the next one', async () => {
    const budget = createMemoryRateBudget(1, { marginMs: 0 });
    await budget.acquire();
    const controller = new AbortController();
    const aborted = budget.acquire({ signal: controller.signal });
    const next = budget.acquire();
    controller.abort(new Error('caller gave up'));
    await expect(aborted).rejects.toThrow('caller gave up');
    const started = performance.now();
    await next;
    expect(performance.now() - started).toBeLessThan(1_100);
  });

  it('is a no-op at rate 0 and refuses nonsense rates', async () => {
    expect(createMemoryRateBudget(0)).toBe(unlimitedRateBudget);
    await Promise.all(Array.from({ length: 1_000 }, () => unlimitedRateBudget.acquire()));
    expect(() => createMemoryRateBudget(-1)).toThrow('ratePerSecond must be a whole number');
    expect(() => createMemoryRateBudget(2.5)).toThrow('ratePerSecond must be a whole number');
  });
});
