// CORS on the GraphQL routes: CORS_ORIGINS as configuration, the handler's answers per origin, and the gateway's routes over real HTTP.
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ConfigError, type CorsOrigins, loadConfig } from '../../src/config';
import { createCorsHandler } from '../../src/http/cors';
import { type Stack, startStack } from '../helpers/start-stack';

const APP = 'http://app.test:5173';
const SHOP = 'https://shop.example.com';
const ELSEWHERE = 'https://elsewhere.example.com';

/** A preflight as a browser sends it before a JSON POST with a bearer token. */
const preflightHeaders = (origin: string): Record<string, string> => ({
  origin,
  'access-control-request-method': 'POST',
  'access-control-request-headers': 'authorization,content-type',
});

/** Every `access-control-*` header of a response, by name. */
function corsHeadersOf(response: Response): Record<string, string> {
  return Object.fromEntries([...response.headers].filter(([name]) => name.startsWith('access-control-')));
}

/** A header's comma-separated list, lower-cased. */
function listOf(response: Response, name: string): string[] {
  return (response.headers.get(name) ?? '').split(',').map((entry) => entry.trim().toLowerCase()).filter((entry) => entry !== '');
}

describe('CORS_ORIGINS', () => {
  const production = { NODE_ENV: 'production', AUTH_JWT_SECRET: 'a-secret-long-enough-for-hs256-tokens', DR_WEBHOOK_SECRET: 'whsec_x' };

  it('allows no cross-origin access when unset or empty', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: ' , ' }).corsOrigins).toEqual([]);
  });

  it('reads a comma-separated list as serialized origins, without duplicates', () => {
    const config = loadConfig({ CORS_ORIGINS: ` ${SHOP}, HTTP://App.Test:5173 ,https://shop.example.com:443,${SHOP}` });
    expect(config.corsOrigins).toEqual([SHOP, APP]);
  });

  it('accepts * outside production and refuses it in production', () => {
    expect(loadConfig({ CORS_ORIGINS: '*' }).corsOrigins).toBe('*');
    expect(() => loadConfig({ ...production, CORS_ORIGINS: '*' })).toThrow(new ConfigError('CORS_ORIGINS=* is refused with NODE_ENV=production: list the origins of your frontends'));
    expect(loadConfig({ ...production, CORS_ORIGINS: SHOP }).corsOrigins).toEqual([SHOP]);
  });

  it.each([
    ['a host without scheme', 'shop.example.com', 'CORS_ORIGINS entries must be absolute origins such as https://shop.example.com, got "shop.example.com"'],
    ['another scheme', 'ftp://shop.example.com', 'CORS_ORIGINS entries must use http or https, got "ftp://shop.example.com"'],
    ['a path', 'https://shop.example.com/app', 'CORS_ORIGINS entries are origins (scheme, host and port only, no path or trailing slash), got "https://shop.example.com/app"'],
    ['a trailing slash', 'https://shop.example.com/', 'CORS_ORIGINS entries are origins (scheme, host and port only, no path or trailing slash), got "https://shop.example.com/"'],
    ['* beside origins', `*,${SHOP}`, `CORS_ORIGINS is either * or a list of origins, got "*,${SHOP}"`],
  ])('refuses %s', (_name, value, message) => {
    expect(() => loadConfig({ CORS_ORIGINS: value })).toThrow(new ConfigError(message));
  });
});

describe('createCorsHandler', () => {
  let server: Server;
  let url: string;
  let origins: CorsOrigins = [];
  let routeCalls = 0;

  beforeAll(async () => {
    // A route behind the handler, as the router places it: the handler runs first and may answer alone.
    server = createServer((request, response) => {
      if (createCorsHandler(origins)(request, response)) return;
      routeCalls += 1;
      response.setHeader('content-type', 'application/json');
      response.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    routeCalls = 0;
  });

  describe('Preflight', () => {
    it('answers a listed origin 204 with the methods, headers and max-age, without reaching the route', async () => {
      origins = [SHOP, APP];
      const response = await fetch(url, { method: 'OPTIONS', headers: preflightHeaders(APP) });
      expect(response.status).toBe(204);
      expect(corsHeadersOf(response)).toEqual({
        'access-control-allow-origin': APP,
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers': 'authorization, content-type, apollo-require-preflight, x-apollo-operation-name, x-request-id, last-event-id',
        'access-control-expose-headers': 'x-request-id',
        'access-control-max-age': '600',
      });
      expect(listOf(response, 'vary')).toEqual(['origin']);
      expect(await response.text()).toBe('');
      expect(routeCalls).toBe(0);
    });

    it('answers an origin not listed 204 with no CORS header at all', async () => {
      origins = [SHOP];
      const response = await fetch(url, { method: 'OPTIONS', headers: preflightHeaders(ELSEWHERE) });
      expect(response.status).toBe(204);
      expect(corsHeadersOf(response)).toEqual({});
      expect(listOf(response, 'vary')).toEqual(['origin']);
      expect(response.headers.get('allow')).toBe('GET, POST, OPTIONS');
      expect(routeCalls).toBe(0);
    });

    it('tells apart origins that differ only in scheme or port', async () => {
      origins = [SHOP];
      for (const near of ['http://shop.example.com', 'https://shop.example.com:8443', 'https://evil-shop.example.com', 'null']) {
        const response = await fetch(url, { method: 'OPTIONS', headers: preflightHeaders(near) });
        expect([near, corsHeadersOf(response)]).toEqual([near, {}]);
      }
    });

    it('answers every origin with * when CORS_ORIGINS is *, without Vary', async () => {
      origins = '*';
      const response = await fetch(url, { method: 'OPTIONS', headers: preflightHeaders(ELSEWHERE) });
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
      expect(response.headers.get('vary')).toBeNull();
    });

    it('answers no origin when CORS_ORIGINS is unset', async () => {
      origins = [];
      for (const origin of [SHOP, APP, 'http://127.0.0.1']) {
        const response = await fetch(url, { method: 'OPTIONS', headers: preflightHeaders(origin) });
        expect([origin, response.status, corsHeadersOf(response)]).toEqual([origin, 204, {}]);
      }
    });
  });

  describe('Actual requests', () => {
    it('marks the answer to a listed origin and lets the route answer', async () => {
      origins = [SHOP];
      const response = await fetch(url, { method: 'POST', headers: { origin: SHOP, 'content-type': 'application/json' }, body: '{}' });
      expect(await response.json()).toEqual({ ok: true });
      expect(corsHeadersOf(response)).toEqual({ 'access-control-allow-origin': SHOP, 'access-control-expose-headers': 'x-request-id' });
      expect(listOf(response, 'vary')).toEqual(['origin']);
      expect(routeCalls).toBe(1);
    });

    it('leaves the answer to an origin not listed unmarked, so the browser withholds it', async () => {
      origins = [SHOP];
      const response = await fetch(url, { method: 'POST', headers: { origin: ELSEWHERE, 'content-type': 'application/json' }, body: '{}' });
      expect(await response.json()).toEqual({ ok: true });
      expect(corsHeadersOf(response)).toEqual({});
      expect(listOf(response, 'vary')).toEqual(['origin']);
    });

    it('leaves same-origin and non-browser requests (no Origin) unmarked', async () => {
      origins = [SHOP];
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(corsHeadersOf(response)).toEqual({});
      expect(routeCalls).toBe(1);
    });
  });
});

describe('the gateway with CORS_ORIGINS', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ CORS_ORIGINS: `${SHOP},${APP}` });
  });
  afterAll(() => stack.stop());

  it('answers preflights on /graphql and /graphql/stream without an upstream call', async () => {
    stack.simulator.requestLog.clear();
    for (const path of ['/graphql', '/graphql/stream']) {
      const response = await fetch(`${stack.url}${path}`, { method: 'OPTIONS', headers: { ...preflightHeaders(SHOP), 'access-control-request-headers': 'content-type,last-event-id' } });
      expect([path, response.status, response.headers.get('access-control-allow-origin')]).toEqual([path, 204, SHOP]);
      expect(listOf(response, 'access-control-allow-headers')).toEqual(expect.arrayContaining(['authorization', 'content-type', 'apollo-require-preflight', 'x-request-id', 'last-event-id']));
    }
    const refused = await fetch(`${stack.url}/graphql`, { method: 'OPTIONS', headers: preflightHeaders(ELSEWHERE) });
    expect([refused.status, corsHeadersOf(refused)]).toEqual([204, {}]);
    expect(stack.simulator.requestLog.entries()).toEqual([]);
  });

  it('runs a JSON POST from a listed origin and lets the page read the answer and its request id', async () => {
    const response = await fetch(`${stack.url}/graphql`, {
      method: 'POST',
      headers: { origin: APP, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ orders(first: 1) { nodes { id } } }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-expose-headers')).toBe('x-request-id');
    expect(response.headers.get('x-request-id')).toEqual(expect.any(String));
    expect(await response.json()).toMatchObject({ data: { orders: { nodes: [{ id: expect.any(String) }] } } });
  });

  it('runs a GET that carries apollo-require-preflight, and lets the page read the CSRF refusal of one that does not', async () => {
    const search = `?query=${encodeURIComponent('{ __typename }')}`;
    const withHeader = await fetch(`${stack.url}/graphql${search}`, { headers: { origin: SHOP, 'apollo-require-preflight': 'true' } });
    expect([withHeader.status, withHeader.headers.get('access-control-allow-origin')]).toEqual([200, SHOP]);
    expect(await withHeader.json()).toMatchObject({ data: { __typename: 'Query' } });
    const without = await fetch(`${stack.url}/graphql${search}`, { headers: { origin: SHOP } });
    expect([without.status, without.headers.get('access-control-allow-origin')]).toEqual([400, SHOP]);
    expect(await without.text()).toMatch(/CSRF/);
  });

  it('marks no other route', async () => {
    const health = await fetch(`${stack.url}/healthz`, { headers: { origin: SHOP } });
    expect([health.status, corsHeadersOf(health)]).toEqual([200, {}]);
    const webhookPreflight = await fetch(`${stack.url}/webhooks/digitalriver`, { method: 'OPTIONS', headers: preflightHeaders(SHOP) });
    expect([webhookPreflight.status, corsHeadersOf(webhookPreflight)]).toEqual([405, {}]);
  });
});
