// The explorer in Chromium: it loads from the gateway alone, runs the order page query over HTTP and shows a subscription's push from a signed webhook.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Page } from 'playwright-core';

import { simGet } from '../helpers/simulator-http';
import { cancellationEvent, sendEvent } from '../helpers/sign-webhook';
import { type Stack, startStack } from '../helpers/start-stack';
import { eventually } from '../helpers/ws-client';
import { type BrowserSession, OUTPUT_DIR, describeInBrowser, ensureWebBuild, kib, openBrowser } from './harness';

const SECRET = 'whsec_explorer_browser_test';
// The seeded demo order (README) and its pending cancellation, present in every fresh simulator.
const DEMO_ORDER_ID = '240049980336';
const SEEDED_CANCELLATION_ID = 'ret_5823595271';
// One step of a browser test on a busy 2-core CI machine; a step that times out names itself.
const STEP_MS = 15_000;

/** Awaits one step, and names it when it fails (a bare Playwright timeout does not say which wait it was). */
async function step<T>(name: string, pending: Promise<T>): Promise<T> {
  try {
    return await pending;
  } catch (error) {
    throw new Error(`waiting for ${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Opens a tab and runs its operation. GraphiQL stops what runs when a tab
 * changes, and while something runs its execute button is a stop button:
 * click only once it reads "Execute" again.
 */
async function runTab(page: Page, title: string): Promise<void> {
  await page.locator(`.graphiql-tab-button[title="${title}"]`).click();
  await step(`the ${title} tab in the editor`, page.locator('.graphiql-query-editor').getByText(title).first().waitFor({ timeout: STEP_MS }));
  const execute = page.locator('.graphiql-execute-button[aria-label^="Execute"]');
  await step(`the execute button of ${title} to be ready`, execute.waitFor({ timeout: STEP_MS }));
  await execute.click();
}

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
      const introspected = page.waitForResponse((response) => (response.request().postData() ?? '').includes('IntrospectionQuery'), { timeout: STEP_MS });
      await page.locator('#explorer-token-input').fill('explorer-test-token');
      await page.locator('#explorer-token-input').press('Enter');
      await step('the token state to read "token set"', page.getByTestId('token-state').getByText('token set').waitFor({ timeout: STEP_MS }));
      const introspection = await step('the schema read again with the token', introspected);
      expect(introspection.request().headers().authorization).toBe('Bearer explorer-test-token');

      await runTab(page, 'OrderUpdated');
      await eventually(() => frames.some((frame) => frame.includes('connection_init')), STEP_MS, 'a connection_init with the new token');
      const init = JSON.parse(frames.find((frame) => frame.includes('connection_init'))!) as { payload?: Record<string, unknown> };
      expect(init.payload).toEqual({ authorization: 'Bearer explorer-test-token' });

      const asked = page.waitForRequest((request) => request.method() === 'POST' && (request.postData() ?? '').includes('OrderDetail'), { timeout: STEP_MS });
      await runTab(page, 'OrderDetail');
      expect((await step('the OrderDetail POST', asked)).headers().authorization).toBe('Bearer explorer-test-token');
      await browser.screenshot('explorer-token');
      expect(browser.errors).toEqual([]);
    }, 60_000);
  });
});
