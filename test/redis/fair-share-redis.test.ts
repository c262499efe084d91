// Fair share of the fleet-wide rate budget against the real Redis at REDIS_URL: turns within an instance, the share across instances, FIFO within a caller, the per-call wait bound.
import { createLogger } from '../../src/logger';
import { type RedisConnections, connectRedis } from '../../src/redis/redis-connection';
import type { RateBudget } from '../../src/upstream/rate-budget';
import { type RedisRateBudgetOptions, createRedisRateBudget } from '../../src/upstream/redis-rate-budget';
import { budgetRecorder } from '../helpers/budget-recorder';
import { deleteKeys, describeWithRedis, uniquePrefix } from '../helpers/redis';

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describeWithRedis('fair share of the Redis rate budget', (redisUrl) => {
  jest.setTimeout(30_000);
  const connections: RedisConnections[] = [];
  const prefixes: string[] = [];

  /** `count` instances on one fresh prefix, each its own connections, as separate gateway processes would be. */
  async function fleet(count: number, rate: number, options: RedisRateBudgetOptions = {}): Promise<RateBudget[]> {
    const prefix = uniquePrefix(`fair:${prefixes.length}`);
    prefixes.push(prefix);
    const budgets: RateBudget[] = [];
    for (let index = 0; index < count; index += 1) {
      const redis = await connectRedis(redisUrl, prefix, createLogger('silent'));
      connections.push(redis);
      budgets.push(createRedisRateBudget(redis, rate, { marginMs: 0, ...options }));
    }
    return budgets;
  }

  afterAll(async () => {
    await Promise.all(connections.map((redis) => redis.close()));
    await Promise.all(prefixes.map((prefix) => deleteKeys(redisUrl, prefix)));
  });

  it('serves a caller who asks once within 3 slots of another caller\'s 200 queued calls on the same instance', async () => {
    const [instance] = await fleet(1, 10, { callerShare: 1 });
    const { ask, grants, all } = budgetRecorder();
    ask(instance!, 'A', 200);
    await until(() => grants().length === 10);
    ask(instance!, 'B', 1);
    await until(() => grants().some((grant) => grant.caller === 'B'));
    const slot = grants().slice(10).findIndex((grant) => grant.caller === 'B');
    expect(slot).toBeLessThan(3);
    await all();
  });

  it('keeps each caller\'s calls first in, first out, and refuses each call that waited its 2 s', async () => {
    const [instance] = await fleet(1, 10, { callerShare: 1 });
    const { ask, outcomes, all } = budgetRecorder();
    ask(instance!, 'A', 40);
    ask(instance!, 'B', 40);
    await all();
    for (const caller of ['A', 'B']) {
      const order = outcomes.filter((outcome) => outcome.granted && outcome.caller === caller).map((outcome) => outcome.index);
      expect(order).toEqual([...order].sort((x, y) => x - y));
      // Turns: both callers got their tokens in equal measure.
      expect(order.length).toBeGreaterThanOrEqual(9);
      expect(order.length).toBeLessThanOrEqual(11);
    }
    const refused = outcomes.filter((outcome) => !outcome.granted);
    expect(refused.length).toBeGreaterThanOrEqual(80 - 30);
    // Each gave up after its own 2 s: never early, and late only by how busy the event loop is.
    for (const outcome of refused) {
      expect(outcome.waitedMs).toBeGreaterThanOrEqual(1_995);
      expect(outcome.waitedMs).toBeLessThan(2_600);
    }
  });

  it('across instances, keeps part of the fleet\'s window free of one caller\'s burst once another caller is about', async () => {
    const [first, second] = await fleet(2, 10);
    const { ask, grants, all } = budgetRecorder();
    ask(first!, 'A', 200);
    await until(() => grants().length === 10);
    // B asks on the other instance while A's burst holds the whole window: it gets a slot when the window comes back.
    ask(second!, 'B', 1);
    await until(() => grants().some((grant) => grant.caller === 'B'));
    const firstB = grants().find((grant) => grant.caller === 'B')!;
    expect(firstB.waitedMs).toBeLessThan(1_200);
    // A, with ~180 calls still waiting on its instance, now holds at most 8 of a window: B's next call is served at once.
    await new Promise((resolve) => setTimeout(resolve, 100));
    ask(second!, 'B', 1);
    await until(() => grants().filter((grant) => grant.caller === 'B').length === 2);
    // A Redis round trip or two, nowhere near the next window.
    expect(grants().filter((grant) => grant.caller === 'B')[1]!.waitedMs).toBeLessThan(100);
    const secondWindowOfA = grants().filter((grant) => grant.caller === 'A' && grant.at > firstB.at - 50 && grant.at < firstB.at + 800);
    expect(secondWindowOfA.length).toBeLessThanOrEqual(8);
    await all();
  });

  it('with UPSTREAM_FAIR_SHARE=off, serves the fleet first come, first served: one call behind a burst on its instance waits out its bound', async () => {
    // A's 30 waiting calls are patient (5 s) and all served within 3 s; B's one call, behind them, may wait 2 s.
    const [instance] = await fleet(1, 10, { fairShare: false, maxWaitMs: 5_000 });
    const { ask, outcomes, grants, all } = budgetRecorder();
    ask(instance!, 'A', 40);
    await until(() => grants().length === 10);
    ask(instance!, 'B', 1, 2_000);
    await all();
    expect(outcomes.find((outcome) => outcome.caller === 'B')).toMatchObject({ granted: false });
    expect(grants().filter((grant) => grant.caller === 'A')).toHaveLength(40);
  });
});
