// The Redis implementations of the shared seams, against the real Redis at REDIS_URL.
import { createRedisEventLog } from '../../src/events/redis-event-log';
import { createRedisObjectStateStore } from '../../src/events/redis-object-state-store';
import { createRedisIdempotencyStore } from '../../src/idempotency/redis-idempotency-store';
import { createLogger } from '../../src/logger';
import { type RedisConnections, connectRedis } from '../../src/redis/redis-connection';
import { createRedisRateBudget } from '../../src/upstream/redis-rate-budget';
import { deleteKeys, describeWithRedis, uniquePrefix } from '../helpers/redis';

describeWithRedis('Redis stores', (redisUrl) => {
  const prefix = uniquePrefix('stores');
  let first: RedisConnections;
  let second: RedisConnections;

  beforeAll(async () => {
    first = await connectRedis(redisUrl, prefix, createLogger('silent'));
    second = await connectRedis(redisUrl, prefix, createLogger('silent'));
    await Promise.all([first.ping(), second.ping()]);
  });

  afterAll(async () => {
    await first.close();
    await second.close();
    await deleteKeys(redisUrl, prefix);
  });

  it('de-duplicates an event id across connections', async () => {
    const [a, b] = [createRedisEventLog(first), createRedisEventLog(second)];
    const results = await Promise.all([a.recordIfNew('evt-1'), b.recordIfNew('evt-1')]);
    expect(results.sort()).toEqual([false, true]);
    expect(await first.command.ttl(`${prefix}seen:evt-1`)).toBeGreaterThan(72 * 3600 - 10);
  });

  it('decides ordering atomically: of two concurrent events for one object only the newer state stays', async () => {
    const [a, b] = [createRedisObjectStateStore(first), createRedisObjectStateStore(second)];
    const decisions = await Promise.all([a.apply('c:9', 200, 'accepted', 'e2'), b.apply('c:9', 100, 'pending', 'e1')]);
    expect(decisions.filter((decision) => decision.apply).length).toBeGreaterThanOrEqual(1);
    expect(await first.command.hget(`${prefix}object:c:9`, 'state')).toBe('accepted');
    expect(await b.apply('c:9', 150, 'rejected', 'e3')).toEqual({ apply: false, previousState: 'accepted', duplicate: false });
    expect(await a.apply('c:9', 200, 'accepted', 'e2')).toMatchObject({ apply: false, duplicate: true });
  });

  it('writes once for one idempotency key claimed on two instances at once', async () => {
    const [a, b] = [createRedisIdempotencyStore<{ id: string }>(first, { pollMs: 10 }), createRedisIdempotencyStore<{ id: string }>(second, { pollMs: 10 })];
    const [claimA, claimB] = await Promise.all([a.claim('k1', 'f'), b.claim('k1', 'f')]);
    const winner = [claimA, claimB].find((claim) => claim.kind === 'new');
    const waiter = [claimA, claimB].find((claim) => claim.kind === 'in-progress');
    expect(winner).toBeDefined();
    expect(waiter).toBeDefined();
    if (winner?.kind !== 'new' || waiter?.kind !== 'in-progress') throw new Error('unexpected claims');
    await winner.complete({ id: 'ret_1' });
    expect(await waiter.result).toEqual({ id: 'ret_1' });
    expect(await b.claim('k1', 'f')).toEqual({ kind: 'replay', result: { id: 'ret_1' } });
    expect(await b.claim('k1', 'other')).toEqual({ kind: 'mismatch' });
  });

  it('holds one rate budget for two instances, on Redis\' clock', async () => {
    const [a, b] = [createRedisRateBudget(first, 5, { maxWaitMs: 3000 }), createRedisRateBudget(second, 5, { maxWaitMs: 3000 })];
    const granted: number[] = [];
    await Promise.all(Array.from({ length: 12 }, (_, index) => (index % 2 === 0 ? a : b).acquire().then(() => granted.push(Date.now()))));
    granted.sort((x, y) => x - y);
    for (const [index, start] of granted.entries()) expect(granted.slice(index).filter((time) => time < start + 1000).length).toBeLessThanOrEqual(5);
    const other = await connectRedis(redisUrl, `${prefix}tight:`, createLogger('silent'));
    try {
      const tight = createRedisRateBudget(other, 2, { maxWaitMs: 50 });
      await tight.acquire();
      await tight.acquire();
      await expect(tight.acquire()).rejects.toMatchObject({ source: 'budget' });
    } finally {
      await other.close();
    }
  });
});
