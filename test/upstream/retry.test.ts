// Retries over real HTTP (what reads and writes retry, Retry-After, the time budget) and the retry classifier itself.
import { createUpstreamClient, type ResilientUpstreamClient, type UpstreamCallRecord, type UpstreamClientOptions, type UpstreamRetryRecord } from '../../src/upstream/client';
import {
  UpstreamCircuitOpenError,
  UpstreamConnectionError,
  UpstreamError,
  UpstreamRateLimitedError,
  UpstreamTimeoutError,
} from '../../src/upstream/errors';
import { DEFAULT_RETRY, failedBeforeSend, isRetryable, resolveRetryPolicy, retryDelayMs } from '../../src/upstream/retry';
import { type FakeUpstream, errorBody, freePort, startFakeUpstream } from './fake-upstream';

const context = { requestId: 'req-retry' };
const info = { method: 'GET', path: '/orders' };

describe('retries', () => {
  let fake: FakeUpstream;
  const clients: ResilientUpstreamClient[] = [];
  let calls: UpstreamCallRecord[];
  let retries: UpstreamRetryRecord[];

  // Breakers off: these tests are about retries alone; the jitter is pinned to its ceiling so waits are predictable.
  const client = (overrides: Partial<UpstreamClientOptions> = {}, baseUrl = fake.baseUrl): ResilientUpstreamClient => {
    const created = createUpstreamClient({
      baseUrl,
      apiKey: 'sk_test_retry',
      applicationId: 'gw/test',
      timeoutMs: 1_000,
      connections: 4,
      breaker: false,
      retry: { random: () => 0.999 },
      onCall: (call) => calls.push(call),
      onRetry: (retry) => retries.push(retry),
      ...overrides,
    });
    clients.push(created);
    return created;
  };

  beforeEach(async () => {
    fake = await startFakeUpstream();
    calls = [];
    retries = [];
  });

  afterEach(async () => {
    for (const created of clients.splice(0)) await created.close();
    await fake.stop();
  });

  describe('reads', () => {
    it('retries 503 twice and returns the third attempt\'s answer', async () => {
      fake.reply = (_hit, index) => (index < 2 ? { status: 503, body: errorBody('service_unavailable') } : { status: 200, body: '{"id":"ord_1"}' });
      await expect(client().get<{ id: string }>('orders', 'ord_1', context)).resolves.toEqual({ id: 'ord_1' });
      expect(fake.hits).toHaveLength(3);
      expect(calls.map((call) => [call.attempt, call.status, call.outcome])).toEqual([
        [1, 503, 'http_error'],
        [2, 503, 'http_error'],
        [3, 200, 'ok'],
      ]);
      expect(retries.map((retry) => retry.attempt)).toEqual([1, 2]);
    });

    it.each([502, 504])('retries %i', async (status) => {
      fake.reply = (_hit, index) => (index === 0 ? { status, body: errorBody('bad_gateway') } : { status: 200 });
      await client().get('orders', '1', context);
      expect(fake.hits).toHaveLength(2);
    });

    it('waits for Retry-After on 429 before retrying', async () => {
      fake.reply = (_hit, index) => (index === 0
        ? { status: 429, body: errorBody('too_many_requests'), headers: { 'retry-after': '1' } }
        : { status: 200, body: '{"hasMore":false,"data":[]}' });
      // Measured from the 429's arrival, when the wait begins: a first request slowed by a busy machine cannot eat into it.
      let answeredAt = 0;
      await client({ onCall: (call) => { calls.push(call); answeredAt ||= performance.now(); } }).list('orders', {}, context);
      expect(fake.hits).toHaveLength(2);
      expect(fake.hits[1]!.at - answeredAt).toBeGreaterThanOrEqual(995);
      expect(retries[0]?.delayMs).toBe(1_000);
    });

    it('fails at once with the 429 when Retry-After is beyond the time budget', async () => {
      fake.reply = () => ({ status: 429, body: errorBody('too_many_requests'), headers: { 'retry-after': '30' } });
      const error = await client().list('orders', {}, context).catch((caught: unknown) => caught);
      // At once: no wait was even scheduled (had it slept the 30 s, the test would time out).
      expect(retries).toEqual([]);
      expect(error).toBeInstanceOf(UpstreamRateLimitedError);
      expect(error).toMatchObject({ retryAfterSeconds: 30, source: 'upstream' });
      expect(fake.hits).toHaveLength(1);
    });

    it.each([
      [500, 'internal_server_error'],
      [404, 'not_found'],
      [409, 'conflict'],
    ])('does not retry %i', async (status, type) => {
      fake.reply = () => ({ status, body: errorBody(type) });
      await expect(client().get('orders', '1', context)).rejects.toMatchObject({ status, type });
      expect(fake.hits).toHaveLength(1);
      expect(retries).toEqual([]);
    });

    it('retries a timeout and a dropped connection', async () => {
      fake.reply = (_hit, index) => (index === 0 ? { status: 200, delayMs: 400 } : index === 1 ? { destroy: true } : { status: 200 });
      await client({ timeoutMs: 100 }).get('orders', '1', context);
      expect(fake.hits).toHaveLength(3);
      expect(calls.map((call) => call.outcome)).toEqual(['timeout', 'connection_error', 'ok']);
    });

    it('gives up after the configured number of retries with the last error', async () => {
      fake.reply = () => ({ status: 503, body: errorBody('service_unavailable') });
      await expect(client({ retry: { retries: 2, baseDelayMs: 1 } }).get('orders', '1', context)).rejects.toMatchObject({ status: 503 });
      expect(fake.hits).toHaveLength(3);
    });

    it('sends once with retry: false', async () => {
      fake.reply = () => ({ status: 503, body: errorBody('service_unavailable') });
      await expect(client({ retry: false }).get('orders', '1', context)).rejects.toBeInstanceOf(UpstreamError);
      expect(fake.hits).toHaveLength(1);
    });
  });

  describe('writes', () => {
    const body = { fulfillmentOrderId: 'fo_1', items: [] };

    it('does not retry a 503', async () => {
      fake.reply = () => ({ status: 503, body: errorBody('service_unavailable') });
      await expect(client().create('fulfillment-cancellations', body, context, { idempotencyKey: 'k-503' })).rejects.toMatchObject({ status: 503 });
      expect(fake.hits).toHaveLength(1);
    });

    it('does not retry a timeout', async () => {
      fake.reply = () => ({ status: 201, delayMs: 400 });
      await expect(client({ timeoutMs: 100 }).create('fulfillments', body, context, { idempotencyKey: 'k-slow' })).rejects.toBeInstanceOf(UpstreamTimeoutError);
      expect(fake.hits).toHaveLength(1);
    });

    it('does not retry a connection dropped after the request was sent', async () => {
      fake.reply = () => ({ destroy: true });
      await expect(client().create('fulfillments', body, context, { idempotencyKey: 'k-reset' })).rejects.toBeInstanceOf(UpstreamConnectionError);
      expect(fake.hits).toHaveLength(1);
    });

    it('retries a 429 with the same Idempotency-Key', async () => {
      fake.reply = (_hit, index) => (index === 0 ? { status: 429, body: errorBody('too_many_requests') } : { status: 201, body: '{"id":"ret_1"}' });
      await expect(client().create('fulfillment-cancellations', body, context, { idempotencyKey: 'k-429' })).resolves.toEqual({ id: 'ret_1' });
      expect(fake.hits.map((hit) => [hit.method, hit.headers['idempotency-key']])).toEqual([['POST', 'k-429'], ['POST', 'k-429']]);
    });

    it('retries a refused connection, which never reached upstream, with the same Idempotency-Key', async () => {
      // Nothing listens on the port for the first attempt; the fake starts there while the client backs off.
      const port = await freePort();
      let late: FakeUpstream | undefined;
      let listening: Promise<void> | undefined;
      const created = client({
        onRetry: (retry) => {
          retries.push(retry);
          listening = startFakeUpstream(port).then((started) => {
            late = started;
            late.reply = () => ({ status: 201, body: '{"id":"ful_1"}' });
          });
        },
        retry: { random: () => 0.999, baseDelayMs: 300 },
      }, `http://127.0.0.1:${port}/v1`);
      try {
        await expect(created.create('fulfillments', body, context, { idempotencyKey: 'k-refused' })).resolves.toEqual({ id: 'ful_1' });
        expect(calls.map((call) => call.outcome)).toEqual(['connection_error', 'ok']);
        expect(late?.hits.map((hit) => hit.headers['idempotency-key'])).toEqual(['k-refused']);
      } finally {
        await listening;
        await late?.stop();
      }
    });
  });

  describe('time budget', () => {
    it('never sleeps past the budget: a wait that would end after it fails the call now', async () => {
      // The first request of a process pays for loading the HTTP stack; paid here, it does not eat into the budget.
      await client({ retry: false }).get('orders', 'warm-up', context);
      fake.hits.length = 0;
      calls = [];
      fake.reply = () => ({ status: 503, body: errorBody('service_unavailable') });
      const waitsEndAt: number[] = [];
      const started = performance.now();
      // Waits of ~100 and ~200 ms fit in 500 ms; the next (~400 ms) would not.
      const budgeted = client({
        retry: { random: () => 0.999, retries: 10, budgetMs: 500 },
        onRetry: (retry) => { retries.push(retry); waitsEndAt.push(performance.now() + retry.delayMs - started); },
      });
      await expect(budgeted.get('orders', '1', context)).rejects.toMatchObject({ status: 503 });
      // Every wait that was taken ends inside the budget, and the last failure took none: it failed the call at once.
      expect(waitsEndAt.every((end) => end < 500)).toBe(true);
      expect(retries.map((retry) => retry.delayMs)).toEqual([99, 199].slice(0, retries.length));
      expect(calls).toHaveLength(retries.length + 1);
      // Three on an idle machine; at least the first retry whatever the load.
      expect(fake.hits.length).toBeGreaterThanOrEqual(2);
    });

    it('cuts the timeout of a retry to what is left of the budget', async () => {
      fake.reply = () => ({ status: 200, delayMs: 2_000 });
      const started = performance.now();
      await expect(client({ timeoutMs: 200, retry: { random: () => 0, retries: 10, budgetMs: 450 } }).get('orders', '1', context))
        .rejects.toBeInstanceOf(UpstreamTimeoutError);
      const elapsed = performance.now() - started;
      // A lower bound only: a busy machine makes it slower, never faster.
      expect(elapsed).toBeGreaterThanOrEqual(440);
      // Two full 200 ms attempts, then one cut to the ~50 ms left (two when timers run late). Uncut, the third
      // would last its full 200 ms at least, whatever the machine's load.
      expect(calls.length).toBeGreaterThanOrEqual(2);
      expect(calls.slice(2).every((call) => call.durationMs < 200)).toBe(true);
      expect(calls.every((call) => call.outcome === 'timeout')).toBe(true);
    });
  });
});

describe('isRetryable', () => {
  const connection = (code: string) => new UpstreamConnectionError(info, Object.assign(new Error(code), { code }));

  it.each([
    ['GET', 'upstream 429', true, new UpstreamRateLimitedError(1, info)],
    ['GET', '502', true, new UpstreamError(502, 'bad_gateway', [], info)],
    ['GET', '503', true, new UpstreamError(503, 'service_unavailable', [], info)],
    ['GET', '504', true, new UpstreamError(504, 'gateway_timeout', [], info)],
    ['GET', 'a timeout', true, new UpstreamTimeoutError(100, info)],
    ['GET', 'ECONNRESET', true, connection('ECONNRESET')],
    ['GET', '500', false, new UpstreamError(500, 'internal_server_error', [], info)],
    ['GET', '404', false, new UpstreamError(404, 'not_found', [], info)],
    ['GET', 'the gateway budget', false, new UpstreamRateLimitedError(1, info, [], 'budget')],
    ['GET', 'an open circuit', false, new UpstreamCircuitOpenError('GET orders', info)],
    ['POST', 'upstream 429', true, new UpstreamRateLimitedError(undefined, info)],
    ['POST', 'ECONNREFUSED', true, connection('ECONNREFUSED')],
    ['POST', 'UND_ERR_CONNECT_TIMEOUT', true, connection('UND_ERR_CONNECT_TIMEOUT')],
    ['POST', 'ECONNRESET', false, connection('ECONNRESET')],
    ['POST', 'UND_ERR_SOCKET (closed after sending)', false, connection('UND_ERR_SOCKET')],
    ['POST', 'a timeout', false, new UpstreamTimeoutError(100, info)],
    ['POST', '503', false, new UpstreamError(503, 'service_unavailable', [], info)],
    ['POST', '502', false, new UpstreamError(502, 'bad_gateway', [], info)],
  ] as const)('%s after %s: retried %s', (method, _label, expected, error) => {
    expect(isRetryable(method, error)).toBe(expected);
  });
});

describe('failedBeforeSend', () => {
  it.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT'])('knows %s happened before sending', (code) => {
    expect(failedBeforeSend(new UpstreamConnectionError(info, Object.assign(new Error(code), { code })))).toBe(true);
  });

  it('accepts an AggregateError only when every address was refused', () => {
    const refused = Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
    const reset = Object.assign(new Error('reset'), { code: 'ECONNRESET' });
    expect(failedBeforeSend(new UpstreamConnectionError(info, new AggregateError([refused, refused])))).toBe(true);
    expect(failedBeforeSend(new UpstreamConnectionError(info, new AggregateError([refused, reset])))).toBe(false);
  });

  it('refuses errors without a code and open circuits', () => {
    expect(failedBeforeSend(new UpstreamConnectionError(info, new Error('other side closed')))).toBe(false);
    expect(failedBeforeSend(new UpstreamCircuitOpenError('GET orders', info, Object.assign(new Error('x'), { code: 'ECONNREFUSED' })))).toBe(false);
  });
});

describe('retryDelayMs', () => {
  const policy = resolveRetryPolicy({ random: () => 0.5 });

  it('uses full jitter under a doubling ceiling', () => {
    const error = new UpstreamError(503, undefined, [], info);
    expect([1, 2, 3, 4].map((retry) => retryDelayMs(error, retry, policy))).toEqual([50, 100, 200, 400]);
    expect(retryDelayMs(error, 20, policy)).toBe(1_000);
  });

  it('waits at least Retry-After', () => {
    expect(retryDelayMs(new UpstreamRateLimitedError(2, info), 1, policy)).toBe(2_000);
    expect(retryDelayMs(new UpstreamRateLimitedError(undefined, info), 1, policy)).toBe(50);
  });
});

describe('resolveRetryPolicy', () => {
  it('defaults to 3 retries from 100 ms doubling within 5 s', () => {
    expect(resolveRetryPolicy(undefined)).toMatchObject({ retries: 3, baseDelayMs: 100, factor: 2, budgetMs: 5_000 });
    expect(resolveRetryPolicy({ retries: undefined }).retries).toBe(DEFAULT_RETRY.retries);
    expect(resolveRetryPolicy(false).retries).toBe(0);
  });

  it('names the field it refuses', () => {
    expect(() => resolveRetryPolicy({ budgetMs: -1 })).toThrow('retry.budgetMs must be a non-negative number, got -1');
  });
});
