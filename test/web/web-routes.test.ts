// The browser surface over real HTTP on a fixture build: page shells and their headers, built files by name with types, caching and encodings, and what is refused.
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { type Server, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';

import { createLogger } from '../../src/logger';
import { chooseEncoding } from '../../src/web/static-files';
import { ASSET_PREFIX, ORDER_PAGE_PREFIX, createWebRoutes } from '../../src/web/web-routes';

const SCRIPT = 'window.explorerLoaded = true;\n'.repeat(100);

function writeBuild(dir: string, scriptName = 'explorer-AAAA1111.js'): void {
  const files: Record<string, { bytes: number; encodings: string[] }> = {};
  const add = (name: string, content: string, compress: boolean): void => {
    writeFileSync(join(dir, name), content);
    if (compress) {
      writeFileSync(join(dir, `${name}.br`), brotliCompressSync(content));
      writeFileSync(join(dir, `${name}.gz`), gzipSync(content));
    }
    files[name] = { bytes: Buffer.byteLength(content), encodings: compress ? ['br', 'gzip'] : [] };
  };
  add(scriptName, SCRIPT, true);
  add('explorer-BBBB2222.css', 'body{margin:0}', false);
  add('order-page-CCCC3333.js', 'void 0;', false);
  add('codicon-DDDD4444.ttf', 'not really a font', false);
  for (const worker of ['editor', 'json', 'graphql']) add(`${worker}.worker-EEEE5555.js`, 'self.onmessage=()=>{};', false);
  writeFileSync(join(dir, 'secret.txt'), 'not listed in the manifest');
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({
    version: 1,
    pages: { explorer: { script: scriptName, style: 'explorer-BBBB2222.css' }, 'order-page': { script: 'order-page-CCCC3333.js' } },
    workers: { editor: 'editor.worker-EEEE5555.js', json: 'json.worker-EEEE5555.js', graphql: 'graphql.worker-EEEE5555.js' },
    files,
  }));
}

describe('web routes', () => {
  let dir: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'web-routes-'));
    writeBuild(dir);
    const web = createWebRoutes({ logger: createLogger('silent'), dir });
    // The router's dispatch for these paths, reduced to what this suite exercises.
    server = createServer((request, response) => {
      const path = (request.url ?? '/').split('?')[0]!;
      const done = path === '/graphql' ? web.explorer(request, response)
        : path === '/' ? Promise.resolve(web.home(request, response))
          : path.startsWith(ORDER_PAGE_PREFIX) ? web.orderPage(request, response, path.slice(ORDER_PAGE_PREFIX.length))
            : web.asset(request, response, path.slice(ASSET_PREFIX.length));
      done.catch((error: unknown) => {
        response.statusCode = 500;
        response.end(String(error));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  describe('Pages', () => {
    it('serves the explorer shell with its files, settings and a same-origin-only policy', async () => {
      const response = await fetch(`${base}/graphql`);
      const html = await response.text();
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      const csp = response.headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain(`connect-src 'self' ws://${new URL(base).host} wss://${new URL(base).host}`);
      expect(html).toContain('<script defer src="/assets/explorer-AAAA1111.js"></script>');
      expect(html).toContain('<link rel="stylesheet" href="/assets/explorer-BBBB2222.css">');
      const config = JSON.parse(/<script type="application\/json" id="page-config">(.*?)<\/script>/.exec(html)![1]!) as Record<string, unknown>;
      expect(config).toMatchObject({
        graphqlPath: '/graphql',
        orderId: '',
        workers: { editor: '/assets/editor.worker-EEEE5555.js', json: '/assets/json.worker-EEEE5555.js', graphql: '/assets/graphql.worker-EEEE5555.js' },
      });
      // No script in the page itself: the policy allows none.
      expect(html.match(/<script(?![^>]*type="application\/json")[^>]*>[^<]+<\/script>/)).toBeNull();
    });

    it('serves the live order page for an order id, the id only inside its JSON settings', async () => {
      const response = await fetch(`${base}${ORDER_PAGE_PREFIX}240049980336`);
      const html = await response.text();
      expect(response.status).toBe(200);
      expect(html).toContain('<script defer src="/assets/order-page-CCCC3333.js"></script>');
      expect(html).not.toContain('<link rel="stylesheet"');
      expect(html).toContain('"orderId":"240049980336"');
      expect(html).toContain('<title>Order 240049980336 · live</title>');
    });

    it.each([
      ['markup', '%3Cscript%3Ealert(1)%3C%2Fscript%3E'],
      ['a nested path', '1/2'],
      ['an empty id', ''],
      ['bad percent-encoding', '%E0%A4%A'],
      ['an overlong id', '9'.repeat(129)],
    ])('answers 404 to %s instead of an order id', async (_name, rawId) => {
      const response = await fetch(`${base}${ORDER_PAGE_PREFIX}${rawId}`);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('<script');
    });

    it('sends / to the explorer', async () => {
      const response = await fetch(`${base}/`, { redirect: 'manual' });
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe('/graphql');
    });

    it('answers HEAD with the headers and no body', async () => {
      const response = await fetch(`${base}/graphql`, { method: 'HEAD' });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).not.toBeNull();
      expect(await response.text()).toBe('');
    });
  });

  describe('Built files', () => {
    it.each([
      ['explorer-AAAA1111.js', 'text/javascript; charset=utf-8'],
      ['explorer-BBBB2222.css', 'text/css; charset=utf-8'],
      ['codicon-DDDD4444.ttf', 'font/ttf'],
    ])('serves %s as %s, cached for a year and immutable', async (name, type) => {
      const response = await fetch(`${base}${ASSET_PREFIX}${name}`, { headers: { 'accept-encoding': 'identity' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(type);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('vary')).toBe('accept-encoding');
      expect(response.headers.get('content-encoding')).toBeNull();
    });

    // node:http's request keeps the bytes as sent (fetch would decode them).
    function raw(name: string, acceptEncoding: string): Promise<{ status: number; encoding: string | undefined; body: Buffer }> {
      return new Promise((resolve, reject) => {
        request(`${base}${ASSET_PREFIX}${name}`, { headers: { 'accept-encoding': acceptEncoding } }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, encoding: response.headers['content-encoding'], body: Buffer.concat(chunks) }));
        }).on('error', reject).end();
      });
    }

    it('sends the brotli copy when the browser takes it, gzip when only that, the file itself otherwise', async () => {
      const br = await raw('explorer-AAAA1111.js', 'gzip, deflate, br, zstd');
      expect(br.encoding).toBe('br');
      expect(brotliDecompressSync(br.body).toString()).toBe(SCRIPT);
      expect(br.body.length).toBeLessThan(SCRIPT.length / 5);
      const gz = await raw('explorer-AAAA1111.js', 'gzip');
      expect(gz.encoding).toBe('gzip');
      expect(gunzipSync(gz.body).toString()).toBe(SCRIPT);
      const plain = await raw('explorer-AAAA1111.js', 'br;q=0, gzip;q=0');
      expect(plain.encoding).toBeUndefined();
      expect(plain.body.toString()).toBe(SCRIPT);
    });

    it.each([
      ['a file the manifest does not list', 'secret.txt'],
      ['the manifest itself', 'manifest.json'],
      ['a compressed copy by its own name', 'explorer-AAAA1111.js.br'],
      ['a climb out of the folder', '..%2F..%2Fpackage.json'],
      ['a made-up name', 'explorer-ZZZZ9999.js'],
    ])('answers 404 to %s', async (_name, name) => {
      const response = await fetch(`${base}${ASSET_PREFIX}${name}`);
      expect(response.status).toBe(404);
      expect(response.headers.get('cache-control')).toBe('no-store');
    });
  });

  describe('Rebuilds', () => {
    it('serves a new build without a restart', async () => {
      writeBuild(dir, 'explorer-NEW99999.js');
      // Some file systems keep whole-second times: make sure the manifest looks changed.
      const later = new Date(Date.now() + 5_000);
      utimesSync(join(dir, 'manifest.json'), later, later);
      const html = await (await fetch(`${base}/graphql`)).text();
      expect(html).toContain('/assets/explorer-NEW99999.js');
      expect((await fetch(`${base}${ASSET_PREFIX}explorer-NEW99999.js`)).status).toBe(200);
    });

    it('says how to build when there is no build', async () => {
      const empty = mkdtempSync(join(tmpdir(), 'web-routes-empty-'));
      const lines: string[] = [];
      const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => { lines.push(chunk.toString()); done(); } });
      const web = createWebRoutes({ logger: createLogger('warn', sink), dir: empty });
      const unbuilt = createServer((request, response) => void web.explorer(request, response));
      await new Promise<void>((resolve) => unbuilt.listen(0, '127.0.0.1', resolve));
      try {
        const response = await fetch(`http://127.0.0.1:${(unbuilt.address() as AddressInfo).port}/graphql`);
        expect(response.status).toBe(503);
        expect(await response.text()).toContain('npm run build');
        expect(lines.join('')).toContain('the explorer and demo page are not built: run npm run build');
      } finally {
        await new Promise((resolve) => unbuilt.close(resolve));
        rmSync(empty, { recursive: true, force: true });
      }
    });
  });
});

describe('chooseEncoding', () => {
  it.each([
    ['gzip, deflate, br', ['br', 'gzip'], 'br'],
    ['gzip, deflate, br', ['gzip'], 'gzip'],
    ['br;q=0, gzip', ['br', 'gzip'], 'gzip'],
    ['BR', ['br'], 'br'],
    ['identity', ['br', 'gzip'], undefined],
    [undefined, ['br', 'gzip'], undefined],
    ['br', [], undefined],
  ] as const)('Accept-Encoding %j with %j available → %s', (header, available, expected) => {
    expect(chooseEncoding(header, available)).toBe(expected);
  });
});
