import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { buildQueryString, createUpstreamClient, parseUpstreamErrorBody, type UpstreamClient } from '../../src/upstream/client';
import {
  UpstreamConnectionError,
  UpstreamError,
  UpstreamProtocolError,
  UpstreamRateLimitedError,
  UpstreamTimeoutError,
} from '../../src/upstream/errors';

interface Seen { method: string; url: string; headers: IncomingHttpHeaders; body: string }

describe('upstream client', () => {
  let server: Server;
  let baseUrl: string;
  const seen: Seen[] = [];
  let answer: (url: string) => { status: number; body: string; headers?: Record<string, string>; delayMs?: number };
  let client: UpstreamClient;
  const context = { requestId: 'req-123', clientIp: '198.51.100.17' };

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => { body += chunk.toString(); });
      request.on('end', () => {
        seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
        const reply = answer(request.url ?? '');
        setTimeout(() => {
          response.writeHead(reply.status, { 'content-type': 'application/json', 'x-dr-requestid': 'dr-req-1', ...reply.headers });
          response.end(reply.body);
        }, reply.delayMs ?? 0);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    client = createUpstreamClient({ baseUrl, apiKey: 'sk_test_abc', applicationId: 'gw/1.0.0', timeoutMs: 200, connections: 4 });
  });

  afterAll(async () => {
    await client.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(() => {
    seen.length = 0;
    answer = () => ({ status: 200, body: '{"hasMore":false,"data":[]}' });
  });

  describe('requests', () => {
    it('sends the contract headers and repeated array parameters under the base path', async () => {
      await client.list('orders', { ids: ['a', 'b/c'], limit: 100, startingAfter: undefined }, context);
      expect(seen[0]?.url).toBe('/v1/orders?ids=a&ids=b%2Fc&limit=100');
      expect(seen[0]?.headers).toMatchObject({
        authorization: 'Bearer sk_test_abc',
        accept: 'application/json',
        'upstream-id': 'req-123',
        'upstream-application-id': 'gw/1.0.0',
        forwarded: 'for=198.51.100.17',
      });
    });

    it('posts JSON with the Idempotency-Key header', async () => {
      answer = () => ({ status: 201, body: '{"id":"ret_1"}' });
      const created = await client.create<{ id: string }>('fulfillment-cancellations', { a: 1 }, context, { idempotencyKey: 'key-1' });
      expect(created.id).toBe('ret_1');
      expect(seen[0]).toMatchObject({ method: 'POST', url: '/v1/fulfillment-cancellations', body: '{"a":1}' });
      expect(seen[0]?.headers).toMatchObject({ 'content-type': 'application/json', 'idempotency-key': 'key-1' });
    });

    it('escapes ids in paths', async () => {
      answer = () => ({ status: 200, body: '{"id":"x"}' });
      await client.get('charges', 'a b?c', context);
      expect(seen[0]?.url).toBe('/v1/charges/a%20b%3Fc');
    });
  });

  describe('lists', () => {
    it('treats a missing hasMore as false and a bare array as data (quirk 34)', async () => {
      answer = () => ({ status: 200, body: '{"data":[{"id":1}]}' });
      expect(await client.list('fulfillment-orders', {}, context)).toEqual({ hasMore: false, data: [{ id: 1 }] });
      answer = () => ({ status: 200, body: '[{"id":2}]' });
      expect(await client.list('fulfillment-orders', {}, context)).toEqual({ hasMore: false, data: [{ id: 2 }] });
    });

    it('rejects a body that is not the documented shape', async () => {
      answer = () => ({ status: 200, body: '{"items":[]}' });
      await expect(client.list('orders', {}, context)).rejects.toBeInstanceOf(UpstreamProtocolError);
    });
  });

  describe('errors', () => {
    it('parses the upstream error format into an UpstreamError', async () => {
      answer = () => ({ status: 409, body: '{"type":"conflict","errors":[{"code":"order_complete","parameter":"orderId","message":"Order \'1\' is complete."}]}' });
      const error = await client.get('orders', '1', context).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(UpstreamError);
      expect(error).toMatchObject({ status: 409, type: 'conflict', errors: [{ code: 'order_complete', parameter: 'orderId', message: "Order '1' is complete." }] });
      expect((error as UpstreamError).info.upstreamRequestId).toBe('dr-req-1');
    });

    it('copes with bodies without type, with description, or with only a message (quirk 27)', () => {
      expect(parseUpstreamErrorBody('{"errors":[{"code":"payment_authorization_failed","description":"Auth expired"}]}'))
        .toEqual({ type: undefined, errors: [{ code: 'payment_authorization_failed', message: 'Auth expired' }] });
      expect(parseUpstreamErrorBody('{"message":"Unauthorized"}')).toEqual({ type: undefined, errors: [{ message: 'Unauthorized' }] });
      expect(parseUpstreamErrorBody('<html>bad gateway</html>')).toEqual({ type: undefined, errors: [{ message: '<html>bad gateway</html>' }] });
    });

    it('turns 429 into UpstreamRateLimitedError with Retry-After', async () => {
      answer = () => ({ status: 429, body: '{"type":"too_many_requests","errors":[{"code":"too_many_requests","message":"slow down"}]}', headers: { 'retry-after': '7' } });
      const error = await client.list('orders', {}, context).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(UpstreamRateLimitedError);
      expect((error as UpstreamRateLimitedError).retryAfterSeconds).toBe(7);
    });

    it('times out a slow answer with UpstreamTimeoutError', async () => {
      answer = () => ({ status: 200, body: '{"data":[]}', delayMs: 500 });
      await expect(client.list('orders', {}, context)).rejects.toBeInstanceOf(UpstreamTimeoutError);
    });

    it('reports a refused connection as UpstreamConnectionError', async () => {
      const closed = createUpstreamClient({ baseUrl: 'http://127.0.0.1:1', apiKey: 'k', applicationId: 'gw/1', timeoutMs: 500, connections: 1 });
      await expect(closed.list('orders', {}, context)).rejects.toBeInstanceOf(UpstreamConnectionError);
      await closed.close();
    });
  });

  it('builds query strings with repeated keys and skips undefined values', () => {
    expect(buildQueryString({ ids: ['1', '2'], state: 'accepted', startingAfter: undefined, limit: 5 })).toBe('?ids=1&ids=2&state=accepted&limit=5');
    expect(buildQueryString({})).toBe('');
  });
});
