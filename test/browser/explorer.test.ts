// The explorer in Chromium: it loads from the gateway alone, runs the order page query over HTTP and shows a subscription's push from a signed webhook.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { simGet } from '../helpers/simulator-http';
import { cancellationEvent, sendEvent } from '../helpers/sign-webhook';
import { type Stack, startStack } from '../helpers/start-stack';
import { eventually } from '../helpers/ws-client';
import { type BrowserSession, OUTPUT_DIR, describeInBrowser, ensureWebBuild, kib, openBrowser } from './harness';

const SECRET = 'whsec_explorer_browser_test';
// The seeded demo order (README) and its pending cancellation, present in every fresh simulator.
const DEMO_ORDER_ID = '240049980336';
const SEEDED_CANCELLATION_ID = 'ret_5823595271';

describeInBrowser('explorer in Chromium', () => {
  let stack: Stack;
  let browser: BrowserSession;

  beforeAll(async () => {
    await ensureWebBuild();
    stack = await startStack({ DR_WEBHOOK_SECRET: SECRET });
    browser = await openBrowser([stack.url]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  describe('Load', () => {
    it('comes entirely from the gateway, with no console error, and opens on the order page query', async () => {
      const { page } = browser;
      await page.goto(`${stack.url}/graphql`);
      await page.locator('.graphiql-query-editor').getByText('OrderPage').first().waitFor();
      // Monaco starts its workers after the first paint; wait until the page is quiet.
      await page.waitForLoadState('networkidle');
      const bytes = await browser.receivedBytes();
      await browser.screenshot('explorer-loaded');
      writeFileSync(join(OUTPUT_DIR, 'explorer-load.json'), `${JSON.stringify({ bytes }, null, 2)}\n`);
      console.log(`[browser] explorer loaded ${kib(bytes)} (headers and encoded bodies, workers included)`);

      expect(browser.outsideRequests).toEqual([]);
      expect(browser.errors).toEqual([]);
      expect(await page.locator('.graphiql-tab-button').allTextContents()).toEqual(
        ['OrderPage', 'OrderDetail', 'OrderUpdated', 'FulfillmentCancellationUpdated', 'CreateFulfillmentCancellation'],
      );
      // Monaco renders spaces as no-break spaces.
      expect((await page.locator('.graphiql-editor-tool').innerText()).replace(/\s+/g, ' ')).toContain('{ "first": 5 }');
      expect(bytes).toBeGreaterThan(100_000);
      // A cold Monaco start on a busy 2-core CI machine (the whole suite running beside it) can take well over 10 s.
    }, 60_000);
  });

  describe('Query', () => {
    it('runs the order page over HTTP POST and shows its data', async () => {
      const { page } = browser;
      const answered = page.waitForResponse((response) => response.url() === `${stack.url}/graphql` && response.request().method() === 'POST'
        && (response.request().postData() ?? '').includes('OrderPage'));
      await page.locator('.graphiql-execute-button').click();
      const response = await answered;
      const body = await response.json() as { data: { orders: { nodes: Array<{ id: string }> } } };
      expect(response.status()).toBe(200);
      expect(body.data.orders.nodes).toHaveLength(5);
      const firstId = body.data.orders.nodes[0]!.id;
      await page.locator('.graphiql-response').getByText(`"${firstId}"`).first().waitFor();
      expect(await page.locator('.graphiql-response').innerText()).toContain('"orders"');
      await browser.screenshot('explorer-query');
      expect(browser.errors).toEqual([]);
    });
  });

  describe('Subscription', () => {
    it('subscribes over the /graphql WebSocket and shows the push a signed webhook causes', async () => {
      const { page } = browser;
      await page.locator('.graphiql-tab-button[title="FulfillmentCancellationUpdated"]').click();
      await page.locator('.graphiql-query-editor').getByText('FulfillmentCancellationUpdated').first().waitFor();
      await page.locator('.graphiql-execute-button').click();
      await eventually(() => stack.gateway.openSubscriptions() === 1, 10_000, 'the explorer subscribed');

      const seeded = await simGet<Record<string, unknown>>(stack.simulator, `/fulfillment-cancellations/${SEEDED_CANCELLATION_ID}`);
      expect(String(seeded.upstreamId)).toBe(DEMO_ORDER_ID);
      const event = cancellationEvent({ ...seeded, state: 'accepted' }, 'fulfillment_cancellation.accepted', { previousState: 'pending' });
      expect(await sendEvent(stack.url, event, [SECRET])).toBe(202);

      await page.locator('.graphiql-response').getByText('"fulfillment_cancellation.accepted"').first().waitFor({ timeout: 10_000 });
      expect(await page.locator('.graphiql-response').innerText()).toContain(`"${event.id as string}"`);
      expect(browser.webSockets).toEqual([`${stack.url.replace('http', 'ws')}/graphql`]);
      await browser.screenshot('explorer-subscription');
      expect(browser.outsideRequests).toEqual([]);
      expect(browser.errors).toEqual([]);
    });
  });

  describe('Token', () => {
    it('sends the token field as the Authorization header and in connection_init', async () => {
      const { page } = browser;
      const frames: string[] = [];
      page.on('websocket', (socket) => socket.on('framesent', (frame) => frames.push(String(frame.payload))));
      // A new token makes a new fetcher, and GraphiQL reads the schema again with it: wait for that before running anything.
      const introspected = page.waitForResponse((response) => (response.request().postData() ?? '').includes('IntrospectionQuery'));
      await page.locator('#explorer-token-input').fill('explorer-test-token');
      await page.locator('#explorer-token-input').press('Enter');
      await page.getByTestId('token-state').getByText('token set').waitFor();
      expect((await introspected).request().headers().authorization).toBe('Bearer explorer-test-token');

      // The subscription first: while a query is still running, GraphiQL's execute button stops it instead.
      await page.locator('.graphiql-tab-button[title="OrderUpdated"]').click();
      await page.locator('.graphiql-execute-button').click();
      await eventually(() => frames.some((frame) => frame.includes('connection_init')), 10_000, 'a connection_init with the new token');
      const init = JSON.parse(frames.find((frame) => frame.includes('connection_init'))!) as { payload?: Record<string, unknown> };
      expect(init.payload).toEqual({ authorization: 'Bearer explorer-test-token' });

      await page.locator('.graphiql-tab-button[title="OrderDetail"]').click();
      const asked = page.waitForRequest((request) => request.method() === 'POST' && (request.postData() ?? '').includes('OrderDetail'));
      await page.locator('.graphiql-execute-button').click();
      expect((await asked).headers().authorization).toBe('Bearer explorer-test-token');
      await browser.screenshot('explorer-token');
      expect(browser.errors).toEqual([]);
    });
  });
});
