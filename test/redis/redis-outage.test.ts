// Redis stopped and started again: webhooks are answered 503 meanwhile (upstream delivers again), /readyz says 503, nothing is lost after.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

import { executeText } from '../helpers/graphql-client';
import { describeWithRedis } from '../helpers/redis';
import { cancellationEvent, sendEvent } from '../helpers/sign-webhook';
import { type Stack, startStack } from '../helpers/start-stack';
import { collect, eventually, openClient } from '../helpers/ws-client';

const SECRET = 'whsec_outage';

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

/** A private redis-server, so stopping it disturbs no other test. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => { if (chunk.toString().includes('Ready to accept connections')) resolve(); });
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
  return child;
}

describeWithRedis('Redis outage', () => {
  jest.setTimeout(60_000);
  let port: number;
  let redis: ChildProcess;
  let stack: Stack;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    stack = await startStack({ DR_WEBHOOK_SECRET: SECRET, REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_KEY_PREFIX: 'outage:' });
  });

  afterAll(async () => {
    await stack?.stop();
    redis?.kill('SIGKILL');
  });

  it('answers 503 while Redis is away and pushes every event once it is back', async () => {
    const client = openClient(stack.url);
    const watcher = collect<{ fulfillmentCancellationUpdated: { eventId: string } }>(client,
      'subscription { fulfillmentCancellationUpdated(id: "ret_outage") { eventId } }');
    await eventually(() => stack.gateway.openSubscriptions() === 1, 5000, 'subscription');
    const cancellation = { id: 'ret_outage', fulfillmentOrderId: '1', upstreamId: '240062050336', state: 'pending', items: [] };
    const at = Date.now();
    const before = cancellationEvent(cancellation, 'fulfillment_cancellation.created', { createdTime: new Date(at) });
    const during = cancellationEvent({ ...cancellation, state: 'accepted' }, 'fulfillment_cancellation.accepted', { createdTime: new Date(at + 1) });
    expect(await sendEvent(stack.url, before, [SECRET])).toBe(202);
    await watcher.waitFor(1);

    redis.kill('SIGKILL');
    await new Promise((resolve) => redis.once('exit', resolve));
    expect(await sendEvent(stack.url, during, [SECRET])).toBe(503);
    const readiness = await fetch(`${stack.url}/readyz`);
    expect(readiness.status).toBe(503);
    expect(await readiness.json()).toMatchObject({ checks: { redis: { ok: false } } });
    // Queries keep working: the rate budget falls back to this instance's own.
    const query = await executeText<{ orders: { nodes: unknown[] } }>(stack.url, '{ orders(first: 2) { nodes { id } } }');
    expect(query.data?.orders.nodes).toHaveLength(2);

    redis = await startRedis(port);
    let status = 0;
    for (let attempt = 0; attempt < 50 && status !== 202; attempt += 1) {
      // Upstream delivers again later; the gateway takes it once Redis is back.
      status = await sendEvent(stack.url, during, [SECRET]);
      if (status !== 202) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status).toBe(202);
    await watcher.waitFor(2, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(watcher.results.map((result) => result.data?.fulfillmentCancellationUpdated.eventId)).toEqual([before.id, during.id]);
    expect((await fetch(`${stack.url}/readyz`)).status).toBe(200);
    await client.dispose();
  });
});
