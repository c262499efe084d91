// The fleet-wide shared cache on real Redis: two instances share and invalidate it, no stale read after webhooks on the other instance, after mutations, or after Redis comes back from an outage.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createLogger } from '../../src/logger';
import { type RedisConnections, connectRedis } from '../../src/redis/redis-connection';
import { type Simulator, createSimulator } from '../../src/simulator/create-simulator';
import type { SimEvent } from '../../src/simulator/wire-types';
import { createRedisSharedCache } from '../../src/upstream/redis-shared-cache';
import { type CacheTicket, type SharedCache, orderScope } from '../../src/upstream/shared-cache';
import { type CancellableUnit, cancellableUnits, fileCancellation } from '../helpers/cancellable-units';
import { type GatewayOn, startGatewayOn } from '../helpers/gateway-on';
import { executeText } from '../helpers/graphql-client';
import { deleteKeys, describeWithRedis, uniquePrefix } from '../helpers/redis';
import { sendEvent } from '../helpers/sign-webhook';

const SECRET = 'whsec_cache_redis';
const VIEW = `query View($id: ID!) {
  order(id: $id) {
    id state
    fulfillmentOrders { id state items { id pending backordered cancelled cancellableQuantity } cancellations { id state } }
    fulfillmentCancellations { id state items { quantity quantityAccepted } }
    fulfillments { id }
    capturedAmount cancelledAmount
    charges { id state captures { id amount state } cancels { id amount state } }
  }
}`;

/** A free TCP port on loopback. */
async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A private redis-server (stopping it disturbs no other test) whose data survives a clean stop, in `dir`. */
async function startRedis(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--dbfilename', 'dump.rdb', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => { if (chunk.toString().includes('Ready to accept connections')) resolve(); });
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
  return child;
}

/** A read that must hand out a ticket. */
async function ticketOf(cache: SharedCache, ids: readonly string[]): Promise<CacheTicket> {
  const { ticket } = await cache.read('order', ids);
  if (ticket === undefined) throw new Error('expected a ticket');
  return ticket;
}

describeWithRedis('shared cache on Redis', (redisUrl) => {
  jest.setTimeout(90_000);

  describe('Two instances, one cache', () => {
    const prefix = uniquePrefix('cache');
    let first: RedisConnections;
    let second: RedisConnections;
    let a: SharedCache;
    let b: SharedCache;
    let clock = Date.now();

    beforeAll(async () => {
      first = await connectRedis(redisUrl, prefix, createLogger('silent'));
      second = await connectRedis(redisUrl, prefix, createLogger('silent'));
      a = createRedisSharedCache(first, { ttlSeconds: 60, maxBytes: 1_000_000, clock: () => clock });
      b = createRedisSharedCache(second, { ttlSeconds: 60, maxBytes: 1_000_000, clock: () => clock });
    });

    afterAll(async () => {
      a.close();
      b.close();
      await first.close();
      await second.close();
      await deleteKeys(redisUrl, prefix);
    });

    it('serves on one instance what the other stored, then from its own memory tier', async () => {
      a.write(await ticketOf(a, ['o1']), 'order', [{ key: 'o1', value: { id: 'o1', state: 'accepted' }, scopes: [orderScope('o1')] }]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await b.read('order', ['o1', 'o2'])).hits).toEqual(['{"id":"o1","state":"accepted"}', undefined]);
      expect(b.memoryBytes()).toBeGreaterThan(0);
      expect(await first.command.exists(`${prefix}cache:e:o:o1`)).toBe(1);
    });

    it('drops an entry on both instances (memory tiers included) once either invalidates its scope', async () => {
      a.write(await ticketOf(a, ['o3']), 'order', [{ key: 'o3', value: { id: 'o3' }, scopes: [orderScope('o3')] }]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await a.read('order', ['o3'])).hits).toEqual(['{"id":"o3"}']);
      expect((await b.read('order', ['o3'])).hits).toEqual(['{"id":"o3"}']);
      await b.invalidate([orderScope('o3')], 'webhook');
      expect((await a.read('order', ['o3'])).hits).toEqual([undefined]);
      expect((await b.read('order', ['o3'])).hits).toEqual([undefined]);
    });

    it('never serves an entry whose read began before an invalidation on the other instance', async () => {
      const before = await ticketOf(a, ['o4']);
      await b.invalidate([orderScope('o4')], 'webhook');
      a.write(before, 'order', [{ key: 'o4', value: { id: 'o4', state: 'stale' }, scopes: [orderScope('o4')] }]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await a.read('order', ['o4'])).hits).toEqual([undefined]);
      expect((await b.read('order', ['o4'])).hits).toEqual([undefined]);
    });

    it('expires an entry TTL after the read that fetched it began, on the injected clock', async () => {
      a.write(await ticketOf(a, ['o5']), 'order', [{ key: 'o5', value: { id: 'o5' }, scopes: [orderScope('o5')] }]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      clock += 59_999;
      expect((await b.read('order', ['o5'])).hits).toEqual(['{"id":"o5"}']);
      clock += 1;
      expect((await a.read('order', ['o5'])).hits).toEqual([undefined]);
      expect((await b.read('order', ['o5'])).hits).toEqual([undefined]);
    });

    it('keeps stamps only a bounded time: 2 × TTL + 60 s', async () => {
      await a.invalidate([orderScope('o6')], 'mutation');
      const ttl = await first.command.pttl(`${prefix}cache:v:o:o6`);
      expect(ttl).toBeGreaterThan(170_000);
      expect(ttl).toBeLessThanOrEqual(180_000);
    });
  });

  describe('Two gateways on one Redis', () => {
    const prefix = uniquePrefix('cache-gw');
    let simulator: Simulator;
    let a: GatewayOn;
    let b: GatewayOn;
    let oracle: GatewayOn;
    const events: SimEvent[] = [];
    let units: CancellableUnit[];

    beforeAll(async () => {
      // Nothing changes by itself; every change reaches the gateways only when the test delivers its events.
      simulator = await createSimulator({ port: 0, fulfillerDelayMs: 600_000, settleDelayMs: 600_000 });
      simulator.store.onEvent((event) => events.push(event));
      const env = { DR_WEBHOOK_SECRET: SECRET, REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix, UPSTREAM_RATE_LIMIT: '0' };
      [a, b, oracle] = await Promise.all([startGatewayOn(simulator, env), startGatewayOn(simulator, env), startGatewayOn(simulator, { CACHE_TTL_SECONDS: '0', UPSTREAM_RATE_LIMIT: '0' })]);
      // Several units per order, on a handful of orders: reads keep finding their cached graphs.
      const all = cancellableUnits(simulator);
      const orders = [...new Set(all.map((unit) => unit.orderId))].slice(0, 12);
      units = orders.flatMap((orderId) => all.filter((unit) => unit.orderId === orderId));
    });

    afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop(), oracle?.stop()]);
      await simulator?.stop();
      await deleteKeys(redisUrl, prefix);
    });

    const view = async (gateway: GatewayOn, orderId: string): Promise<string> => {
      const result = await executeText(gateway.url, VIEW, { id: orderId });
      if (result.errors !== undefined) throw new Error(JSON.stringify(result.errors));
      return JSON.stringify(result.data);
    };

    it('never answers stale on one instance after a webhook answered 202 by the other: 200 events interleaved with reads', async () => {
      let delivered = 0;
      let stale = 0;
      let staleBeforeDelivery = 0;
      let step = 0;
      const pending: string[] = [];
      while (delivered < 200) {
        const unit = units[step % units.length]!;
        step += 1;
        await view(b, unit.orderId);
        const from = events.length;
        // Alternately: file a cancellation, or decide the oldest one still pending (accept or reject).
        const decide = pending.length > 0 && step % 2 === 0;
        if (decide) simulator.fulfiller.decideNow(pending.shift()!, step % 4 === 0 ? 'reject' : 'accept');
        else {
          const fresh = cancellableUnits(simulator).find((candidate) => candidate.orderId === unit.orderId);
          if (fresh === undefined) continue;
          pending.push(await fileCancellation(simulator, fresh));
        }
        // Read before the delivery: cached, so the test can see what a stale read looks like.
        const orderId = unit.orderId;
        if ((await view(b, orderId)) !== (await view(oracle, orderId))) staleBeforeDelivery += 1;
        for (const event of events.slice(from)) {
          expect(await sendEvent(a.url, event, [SECRET])).toBe(202);
          delivered += 1;
          const [seen, truth] = await Promise.all([view(b, orderId), view(oracle, orderId)]);
          if (seen !== truth) stale += 1;
        }
      }
      expect(stale).toBe(0);
      expect(staleBeforeDelivery).toBeGreaterThan(20);
    });

    it('shows a mutation made on one instance to the next read on the other, with no webhook', async () => {
      const unit = cancellableUnits(simulator)[0]!;
      const before = await view(b, unit.orderId);
      const mutation = 'mutation($input: CreateFulfillmentCancellationInput!) { createFulfillmentCancellation(input: $input) { fulfillmentCancellation { id } userErrors { code } } }';
      const created = await executeText<{ createFulfillmentCancellation: { fulfillmentCancellation: { id: string } | null } }>(a.url, mutation,
        { input: { fulfillmentOrderId: unit.fulfillmentOrderId, items: [{ fulfillmentOrderItemId: unit.itemId, quantity: 1 }] } });
      const id = created.data?.createFulfillmentCancellation.fulfillmentCancellation?.id;
      expect(id).toEqual(expect.any(String));
      const after = await view(b, unit.orderId);
      expect(after).not.toBe(before);
      expect(after).toContain(id);
      expect(after).toBe(await view(oracle, unit.orderId));
    });
  });

  describe('Redis outage', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cache-redis-'));
    let port: number;
    let redis: ChildProcess;
    let simulator: Simulator;
    let a: GatewayOn;
    let b: GatewayOn;
    let oracle: GatewayOn;
    const events: SimEvent[] = [];

    beforeAll(async () => {
      port = await freePort();
      redis = await startRedis(port, dir);
      simulator = await createSimulator({ port: 0, fulfillerDelayMs: 600_000, settleDelayMs: 600_000 });
      simulator.store.onEvent((event) => events.push(event));
      const env = { DR_WEBHOOK_SECRET: SECRET, REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_KEY_PREFIX: 'outage-cache:', UPSTREAM_RATE_LIMIT: '0' };
      [a, b, oracle] = await Promise.all([startGatewayOn(simulator, env), startGatewayOn(simulator, env), startGatewayOn(simulator, { CACHE_TTL_SECONDS: '0', UPSTREAM_RATE_LIMIT: '0' })]);
    });

    afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop(), oracle?.stop()]);
      await simulator?.stop();
      redis?.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    });

    const view = async (gateway: GatewayOn, orderId: string): Promise<{ data: string; hits: number }> => {
      const result = await executeText(gateway.url, VIEW, { id: orderId });
      if (result.errors !== undefined) throw new Error(JSON.stringify(result.errors));
      return { data: JSON.stringify(result.data), hits: (result.extensions?.cost as { cacheHits: number }).cacheHits };
    };

    it('bypasses the cache while Redis is away, and trusts nothing from before the outage once it is back, though Redis kept its data', async () => {
      const unit = cancellableUnits(simulator)[0]!;
      await view(b, unit.orderId);
      const warm = await view(b, unit.orderId);
      expect(warm.hits).toBeGreaterThan(0);

      // A stop that saves the data: entries, stamps and epoch all come back with Redis.
      const exited = new Promise((resolve) => redis.once('exit', resolve));
      spawn('redis-cli', ['-p', String(port), 'shutdown', 'save'], { stdio: 'ignore' });
      await exited;
      expect(existsSync(join(dir, 'dump.rdb'))).toBe(true);
      const from = events.length;
      const cancellationId = await fileCancellation(simulator, unit);
      // The webhook cannot be recorded, nor the cache invalidated: 503, upstream will deliver again.
      for (const event of events.slice(from)) expect(await sendEvent(a.url, event, [SECRET])).toBe(503);
      const during = await view(b, unit.orderId);
      expect(during.hits).toBe(0);
      expect(during.data).toContain(cancellationId);

      redis = await startRedis(port, dir);
      // Reconnected (ioredis retries every ≤ 2 s): every read is fresh, none comes from before the outage.
      const deadline = Date.now() + 10_000;
      let after = await view(b, unit.orderId);
      while (after.hits === 0 && Date.now() < deadline) {
        expect(after.data).toContain(cancellationId);
        await new Promise((resolve) => setTimeout(resolve, 200));
        after = await view(b, unit.orderId);
      }
      expect(after.hits).toBeGreaterThan(0);
      expect(after.data).toBe((await view(oracle, unit.orderId)).data);
      expect(after.data).toContain(cancellationId);
      expect((await view(a, unit.orderId)).data).toContain(cancellationId);
      expect(b.logs.some((line) => line.msg === 'shared cache in use again')).toBe(true);
    });
  });
});
