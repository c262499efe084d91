// Per-endpoint circuit breakers over real HTTP: opening on upstream failures only, failing fast, probing and closing.
import { setTimeout as sleep } from 'node:timers/promises';

import { countsAsBreakerFailure, createBreakerRegistry } from '../../src/upstream/circuit-breakers';
import { type BreakerStateChange, type ResilientUpstreamClient, type UpstreamClientOptions, createUpstreamClient } from '../../src/upstream/client';
import {
  UpstreamCircuitOpenError,
  UpstreamConnectionError,
  UpstreamError,
  UpstreamProtocolError,
  UpstreamRateLimitedError,
  UpstreamTimeoutError,
  isUpstreamFailure,
} from '../../src/upstream/errors';
import { type FakeUpstream, errorBody, startFakeUpstream } from './fake-upstream';

const context = { requestId: 'req-breaker' };
const unavailable = { status: 503, body: errorBody('service_unavailable') };

describe('circuit breakers', () => {
  let fake: FakeUpstream;
  let client: ResilientUpstreamClient;
  let changes: BreakerStateChange[];

  // Retries off unless a test turns them on, so every call is one attempt; a short reset timeout keeps the tests fast.
  const start = (overrides: Partial<UpstreamClientOptions> = {}): ResilientUpstreamClient => createUpstreamClient({
    baseUrl: fake.baseUrl,
    apiKey: 'sk_test_breaker',
    applicationId: 'gw/test',
    timeoutMs: 1_000,
    connections: 4,
    retry: false,
    breaker: { resetTimeout: 200 },
    onBreakerStateChange: (change) => changes.push(change),
    ...overrides,
  });

  const failTimes = async (count: number, call: () => Promise<unknown>): Promise<unknown[]> => {
    const errors: unknown[] = [];
    for (let index = 0; index < count; index += 1) errors.push(await call().catch((error: unknown) => error));
    return errors;
  };

  beforeEach(async () => {
    fake = await startFakeUpstream();
    changes = [];
    client = start();
  });

  afterEach(async () => {
    await client.close();
    await fake.stop();
  });

  describe('opening', () => {
    it('fails fast without reaching upstream after 5 consecutive 503s', async () => {
      fake.reply = () => unavailable;
      const errors = await failTimes(5, () => client.get('orders', '1', context));
      expect(errors.every((error) => error instanceof UpstreamError && error.status === 503)).toBe(true);
      expect(client.breakerStates()).toEqual({ 'GET orders': 'open' });

      const error = await client.get('orders', '2', context).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(UpstreamCircuitOpenError);
      expect(error).toMatchObject({ endpoint: 'GET orders', info: { method: 'GET', path: '/orders/2' } });
      expect(isUpstreamFailure(error)).toBe(true);
      expect(fake.hits).toHaveLength(5);
      expect(changes).toEqual([{ endpoint: 'GET orders', state: 'open' }]);
    });

    it('stays closed below the volume threshold', async () => {
      fake.reply = () => unavailable;
      await failTimes(4, () => client.get('orders', '1', context));
      expect(client.breakerStates()).toEqual({ 'GET orders': 'closed' });
    });

    it('stays closed at an error rate of exactly 50% (opossum opens only above it)', async () => {
      fake.reply = (_hit, index) => (index % 2 === 1 ? unavailable : { status: 200 });
      await failTimes(10, () => client.get('orders', '1', context));
      expect(client.breakerStates()).toEqual({ 'GET orders': 'closed' });
      expect(fake.hits).toHaveLength(10);
    });

    it('never opens on 404s or other 4xx answers', async () => {
      fake.reply = (_hit, index) => (index % 2 === 0 ? { status: 404, body: errorBody('not_found') } : { status: 429, body: errorBody('too_many_requests') });
      await failTimes(20, () => client.get('orders', 'missing', context));
      expect(client.breakerStates()).toEqual({ 'GET orders': 'closed' });
      expect(fake.hits).toHaveLength(20);
    });

    it('keeps one breaker per method and collection, not per id', async () => {
      fake.reply = (hit) => (hit.url.startsWith('/v1/orders') ? unavailable : { status: 200 });
      await failTimes(5, () => client.get('orders', String(Math.random()), context));
      await expect(client.get('charges', 'chg_1', context)).resolves.toEqual({ id: 'x' });
      await expect(client.list('orders', {}, context)).rejects.toBeInstanceOf(UpstreamCircuitOpenError);
      expect(client.breakerStates()).toEqual({ 'GET orders': 'open', 'GET charges': 'closed' });
    });

    it('counts every attempt, and does not retry once the circuit opened', async () => {
      await client.close();
      const retries: unknown[] = [];
      client = start({ retry: { retries: 3, baseDelayMs: 1 }, onRetry: (retry) => retries.push(retry) });
      fake.reply = () => unavailable;
      // 4 attempts of the first call, then the fifth failure (the second call's first attempt) opens the circuit.
      await expect(client.get('orders', '1', context)).rejects.toMatchObject({ status: 503 });
      await expect(client.get('orders', '1', context)).rejects.toMatchObject({ status: 503 });
      await expect(client.get('orders', '1', context)).rejects.toBeInstanceOf(UpstreamCircuitOpenError);
      expect(fake.hits).toHaveLength(5);
      expect(retries).toHaveLength(3);
    });

    it('is off with breaker: false', async () => {
      await client.close();
      client = start({ breaker: false });
      fake.reply = () => unavailable;
      await failTimes(10, () => client.get('orders', '1', context));
      expect(fake.hits).toHaveLength(10);
      expect(client.breakerStates()).toEqual({});
    });
  });

  describe('recovery', () => {
    const open = async (): Promise<void> => {
      fake.reply = () => unavailable;
      await failTimes(5, () => client.get('orders', '1', context));
      expect(client.breakerStates()['GET orders']).toBe('open');
    };

    it('lets one probe through after the reset timeout, and closes on its success', async () => {
      await open();
      await sleep(250);
      expect(client.breakerStates()['GET orders']).toBe('half-open');

      fake.reply = () => ({ status: 200, body: '{"id":"ord_1"}', delayMs: 50 });
      const probe = client.get('orders', '1', context);
      // While the probe is in flight, other calls still fail fast.
      await expect(client.get('orders', '2', context)).rejects.toBeInstanceOf(UpstreamCircuitOpenError);
      await expect(probe).resolves.toEqual({ id: 'ord_1' });
      expect(fake.hits).toHaveLength(6);
      expect(client.breakerStates()['GET orders']).toBe('closed');
      expect(changes.map((change) => change.state)).toEqual(['open', 'half-open', 'closed']);

      // Closing starts a fresh window: a single failure right after recovery does not reopen it.
      fake.reply = () => unavailable;
      await client.get('orders', '3', context).catch(() => undefined);
      expect(client.breakerStates()['GET orders']).toBe('closed');
    });

    it('opens again when the probe fails', async () => {
      await open();
      await sleep(250);
      await expect(client.get('orders', '1', context)).rejects.toMatchObject({ status: 503 });
      expect(client.breakerStates()['GET orders']).toBe('open');
      await expect(client.get('orders', '1', context)).rejects.toBeInstanceOf(UpstreamCircuitOpenError);
      expect(fake.hits).toHaveLength(6);
      expect(changes.map((change) => change.state)).toEqual(['open', 'half-open', 'open']);
    });
  });
});

describe('createBreakerRegistry', () => {
  it('names the setting it refuses', () => {
    expect(() => createBreakerRegistry({ resetTimeout: -1 })).toThrow('breaker.resetTimeout must be a non-negative number, got -1');
  });
});

describe('countsAsBreakerFailure', () => {
  const info = { method: 'GET', path: '/orders' };

  it.each([
    ['a 500', true, new UpstreamError(500, 'internal_server_error', [], info)],
    ['a 503', true, new UpstreamError(503, 'service_unavailable', [], info)],
    ['a timeout', true, new UpstreamTimeoutError(100, info)],
    ['a connection error', true, new UpstreamConnectionError(info, new Error('reset'))],
    ['a 404', false, new UpstreamError(404, 'not_found', [], info)],
    ['a 409', false, new UpstreamError(409, 'conflict', [], info)],
    ['a 429', false, new UpstreamRateLimitedError(3, info)],
    ['an unexpected body', false, new UpstreamProtocolError(info, 'not JSON')],
  ] as const)('%s counts as a failure: %s', (_label, expected, error) => {
    expect(countsAsBreakerFailure(error)).toBe(expected);
  });
});
