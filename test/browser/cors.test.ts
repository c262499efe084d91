// A page on another origin calls the gateway from Chromium: it reads the answer when CORS_ORIGINS lists its origin, and the browser keeps the answer from it when not.
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { type Stack, startStack } from '../helpers/start-stack';
import { type BrowserSession, describeInBrowser, openBrowser } from './harness';

const ORDER_ID = '240049980336';

// A frontend as a team would write it: POST with JSON, the way the README tells browser clients to call.
const FRONTEND_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Another origin's frontend</title><link rel="icon" href="data:,"></head>
<body><h1>Frontend on <span id="origin"></span></h1><pre id="result">waiting…</pre>
<script>
  document.getElementById('origin').textContent = location.origin;
  const gateway = new URL(location.href).searchParams.get('gateway');
  fetch(gateway + '/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ order(id: "${ORDER_ID}") { id state } }' }),
  })
    .then((response) => response.json())
    .then((body) => { document.getElementById('result').textContent = 'read: ' + JSON.stringify(body); })
    .catch((error) => { document.getElementById('result').textContent = 'refused: ' + error; });
</script></body></html>
`;

/** A plain HTTP server on its own port (so its own origin) serving the frontend page. */
async function startFrontend(): Promise<{ origin: string; close(): Promise<void> }> {
  const server: Server = createServer((_request, response) => {
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end(FRONTEND_PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describeInBrowser('a frontend on another origin, in Chromium', () => {
  let listed: Awaited<ReturnType<typeof startFrontend>>;
  let unlisted: Awaited<ReturnType<typeof startFrontend>>;
  let stack: Stack;
  let browser: BrowserSession;

  beforeAll(async () => {
    listed = await startFrontend();
    unlisted = await startFrontend();
    stack = await startStack({ CORS_ORIGINS: listed.origin });
    browser = await openBrowser([stack.url, listed.origin, unlisted.origin]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await listed?.close();
    await unlisted?.close();
  });

  async function resultOf(origin: string, screenshot: string): Promise<string> {
    await browser.page.goto(`${origin}/?gateway=${encodeURIComponent(stack.url)}`);
    const result = browser.page.locator('#result');
    await result.filter({ hasNotText: 'waiting…' }).waitFor({ timeout: 10_000 });
    await browser.screenshot(screenshot);
    return result.innerText();
  }

  it('reads the gateway\'s answer when CORS_ORIGINS lists its origin', async () => {
    const text = await resultOf(listed.origin, 'cors-listed-origin');
    expect(text.startsWith('read: ')).toBe(true);
    expect(JSON.parse(text.slice('read: '.length))).toEqual({ data: { order: { id: ORDER_ID, state: 'ACCEPTED' } }, extensions: expect.any(Object) });
    expect(browser.errors).toEqual([]);
  });

  it('cannot read it when its origin is not listed: the browser refuses after the preflight', async () => {
    browser.errors.length = 0;
    const text = await resultOf(unlisted.origin, 'cors-unlisted-origin');
    expect(text).toBe('refused: TypeError: Failed to fetch');
    expect(browser.errors.join('\n')).toContain('blocked by CORS policy');
    expect(browser.outsideRequests).toEqual([]);
  });
});
