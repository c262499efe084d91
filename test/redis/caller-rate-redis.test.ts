// The caller rate shared across instances through the real Redis at REDIS_URL: one bucket per caller for every connection, refilled by Redis' clock, and two gateway processes that charge the same bucket.
import { createLogger } from '../../src/logger';
import { createRedisCostBuckets } from '../../src/graphql/redis-cost-bucket';
import { type RedisConnections, connectRedis } from '../../src/redis/redis-connection';
import { type Simulator, createSimulator } from '../../src/simulator/create-simulator';
import { type GraphQLResult, executeText } from '../helpers/graphql-client';
import { type GatewayProcess, ensureBuilt, startGatewayProcess } from '../helpers/gateway-process';
import { deleteKeys, describeWithRedis, uniquePrefix } from '../helpers/redis';
import { TEST_JWT_SECRET, adminToken, bearer, customerToken } from '../helpers/tokens';

describeWithRedis('caller cost buckets in Redis', (redisUrl) => {
  const prefix = uniquePrefix('caller-cost');
  let first: RedisConnections;
  let second: RedisConnections;

  beforeAll(async () => {
    [first, second] = await Promise.all([connectRedis(redisUrl, prefix, createLogger('silent')), connectRedis(redisUrl, prefix, createLogger('silent'))]);
  });

  afterAll(async () => {
    await Promise.all([first.close(), second.close()]);
    await deleteKeys(redisUrl, prefix);
  });

  it('keeps one bucket per caller for every instance: what one takes, the other sees', async () => {
    const [a, b] = [createRedisCostBuckets(first, { limit: 100, perSecond: 1 }), createRedisCostBuckets(second, { limit: 100, perSecond: 1 })];
    expect(await a.take('sub:shared', 70)).toEqual({ taken: true, available: expect.closeTo(30, 0) });
    const refused = await b.take('sub:shared', 70);
    expect(refused.taken).toBe(false);
    expect(Math.floor(refused.available)).toBe(30);
    // A refusal took nothing; a refund on one instance pays for the other's next charge.
    expect(Math.floor((await b.give('sub:shared', 50)).available)).toBe(80);
    expect((await b.take('sub:shared', 70)).taken).toBe(true);
    expect((await a.take('sub:someone-else', 100)).taken).toBe(true);
  });

  it('refills by Redis\' clock at the restore rate, never past the limit, and forgets a full bucket', async () => {
    const own = await connectRedis(redisUrl, `${prefix}refill:`, createLogger('silent'));
    const buckets = createRedisCostBuckets(own, { limit: 20, perSecond: 40 });
    expect((await buckets.take('sub:refill', 20)).taken).toBe(true);
    expect((await buckets.take('sub:refill', 10)).taken).toBe(false);
    // Real time, as short as it can be: 10 points flow back in 250 ms at 40 per second.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = await buckets.take('sub:refill', 10);
    expect(after.taken).toBe(true);
    expect(after.available).toBeLessThan(10);
    const keys = await own.command.keys(`${prefix}refill:caller-cost:*`);
    expect(keys).toHaveLength(1);
    // The key lives only until the bucket would be full again (at most 0.5 s at 40 per second), plus a second's slack.
    expect(await own.command.pttl(keys[0]!)).toBeLessThanOrEqual(500 + 1_000);
    await new Promise((resolve) => setTimeout(resolve, 600));
    // Uncapped, the bucket would now hold 24 more than the few points left: it holds its limit.
    expect(await buckets.take('sub:refill', 21)).toEqual({ taken: false, available: 20 });
    expect((await buckets.take('sub:refill', 20)).taken).toBe(true);
    await own.close();
  });
});

describeWithRedis('caller rate shared by two gateway processes', (redisUrl) => {
  jest.setTimeout(60_000);
  const prefix = uniquePrefix('caller-rate-two');
  let simulator: Simulator;
  let a: GatewayProcess;
  let b: GatewayProcess;

  beforeAll(async () => {
    ensureBuilt();
    simulator = await createSimulator({ port: 0 });
    const env = {
      DR_API_BASE_URL: simulator.url, DR_API_KEY: 'sk_test_simulator', REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix,
      AUTH_JWT_SECRET: TEST_JWT_SECRET, QUERY_MAX_COST: '100', CALLER_COST_LIMIT: '100', CALLER_COST_PER_SECOND: '1', CALLER_COST_ADMINS: 'on', UPSTREAM_RATE_LIMIT: '0',
    };
    [a, b] = await Promise.all([startGatewayProcess(env), startGatewayProcess(env)]);
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await simulator?.stop();
    await deleteKeys(redisUrl, prefix);
  });

  const cost = (result: GraphQLResult<unknown>) => result.extensions?.cost as { requestedQueryCost: number; throttleStatus?: { currentlyAvailable: number } };

  it('refuses THROTTLED on one instance what the caller spent on the other, with no upstream call', async () => {
    const headers = bearer(await adminToken());
    // 2 + 60 = 62 points; an admin's page of the 300 seeded orders holds 60, so nothing flows back.
    const spent = await executeText(a.url, '{ orders(first: 60) { nodes { id } } }', {}, headers);
    expect(cost(spent)).toMatchObject({ requestedQueryCost: 62, throttleStatus: { currentlyAvailable: 38 } });
    simulator.requestLog.clear();
    const refused = await executeText(b.url, '{ orders(first: 60) { nodes { id } } }', {}, headers);
    expect(refused.status).toBe(429);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'THROTTLED', retryAfterSeconds: 24 });
    expect(cost(refused).throttleStatus?.currentlyAvailable).toBe(38);
    expect(simulator.requestLog.entries()).toHaveLength(0);
    // Another caller on the same instance has a bucket of its own.
    const other = await executeText(b.url, '{ order(id: "none") { id } }', {}, bearer(await customerToken('someone')));
    expect(cost(other).throttleStatus?.currentlyAvailable).toBe(99);
  });
});
