// The live order page in Chromium, as the order's customer: the order from the gateway alone, a cancellation asked with a click shown pending and then, pushed live, decided, without a reload; refusals and userErrors shown.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { simGet } from '../helpers/simulator-http';
import { type Stack, startStack } from '../helpers/start-stack';
import { TEST_JWT_SECRET, adminToken, customerToken } from '../helpers/tokens';
import { type BrowserSession, OUTPUT_DIR, describeInBrowser, ensureWebBuild, kib, openBrowser } from './harness';

const SECRET = 'whsec_order_page_browser_test';
// The README's demo order: its fulfillment order 5774322912 has 4 Studio Headphones to cancel, and a Wireless Mouse with none left.
const ORDER_ID = '240049980336';
const HEADPHONES_ITEM = '65049160336';
const MOUSE_ITEM = '65049100336';
// Long enough to see PENDING on the page, short enough for a quick test (the default is 3 s).
const FULFILLER_DELAY_MS = 1500;

const DECIDED = ['ACCEPTED', 'REJECTED'];

describeInBrowser('live order page in Chromium', () => {
  let stack: Stack;
  let browser: BrowserSession;
  let token: string;

  beforeAll(async () => {
    await ensureWebBuild();
    stack = await startStack({ DR_WEBHOOK_SECRET: SECRET, AUTH_JWT_SECRET: TEST_JWT_SECRET }, {
      fulfillerDelayMs: FULFILLER_DELAY_MS, settleDelayMs: 50, webhookSecrets: [SECRET], webhookRetryBaseMs: 50,
    });
    // The simulator's webhooks reach this gateway, as `npm start` wires them.
    const registered = await fetch(`${stack.simulator.url}/webhooks`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk_test_simulator', 'content-type': 'application/json' },
      body: JSON.stringify({ address: `${stack.url}/webhooks/digitalriver`, types: ['*'] }),
    });
    expect(registered.status).toBe(201);
    const order = await simGet<{ customerId?: string }>(stack.simulator, `/orders/${ORDER_ID}`);
    token = order.customerId === undefined ? await adminToken() : await customerToken(order.customerId);
    browser = await openBrowser([stack.url]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const cancellationStates = (): Promise<Array<{ id: string; state: string }>> => browser.page.locator('[data-testid="cancellation"]').evaluateAll(
    (elements) => elements.map((element) => ({ id: element.getAttribute('data-cancellation-id') ?? '', state: element.getAttribute('data-state') ?? '' })),
  );

  describe('Without a token', () => {
    it('shows the gateway\'s refusal instead of an order', async () => {
      const { page } = browser;
      await page.goto(`${stack.url}/demo/orders/${ORDER_ID}`);
      await page.locator('[data-testid="order-missing"]').waitFor();
      // The query is refused, and so is the WebSocket's connection_init (closed 4403, not retried).
      await page.locator('[data-testid="notice-error"]').filter({ hasText: 'Live updates stopped' }).waitFor();
      const errors = (await page.locator('[data-testid="notice-error"]').allInnerTexts()).join('\n');
      expect(errors).toContain('UNAUTHENTICATED');
      expect(errors).toContain('4403');
      await browser.screenshot('order-page-no-token');
      expect(browser.outsideRequests).toEqual([]);
    });
  });

  describe('With the customer\'s token', () => {
    it('shows the order, its fulfillment order, items with what can be cancelled, and cancellations, all from the gateway', async () => {
      const { page } = browser;
      browser.resetBytes();
      browser.errors.length = 0;
      browser.webSockets.length = 0;
      await page.goto(`${stack.url}/demo/orders/${ORDER_ID}?token=${encodeURIComponent(token)}`);
      await page.locator('[data-testid="connection"][data-connection="live"]').waitFor();
      await page.locator(`[data-testid="item"][data-item-id="${HEADPHONES_ITEM}"]`).waitFor();
      await page.waitForLoadState('networkidle');
      const bytes = await browser.receivedBytes();
      writeFileSync(join(OUTPUT_DIR, 'order-page-load.json'), `${JSON.stringify({ bytes }, null, 2)}\n`);
      console.log(`[browser] live order page loaded ${kib(bytes)} (headers and encoded bodies)`);
      await browser.screenshot('order-page-loaded');

      expect(await page.locator('h1').innerText()).toContain(`Order ${ORDER_ID}`);
      expect(await page.locator(`[data-item-id="${HEADPHONES_ITEM}"] [data-testid="cancellable"]`).innerText()).toBe('4');
      expect(await page.locator(`[data-item-id="${MOUSE_ITEM}"] [data-testid="cancel-one"]`).isDisabled()).toBe(true);
      expect(await cancellationStates()).toEqual([{ id: 'ret_5823595271', state: 'PENDING' }]);
      // The token left the address bar once kept for the tab.
      expect(page.url()).toBe(`${stack.url}/demo/orders/${ORDER_ID}`);
      expect(browser.outsideRequests).toEqual([]);
      expect(browser.webSockets).toEqual([`${stack.url.replace('http', 'ws')}/graphql`]);
      expect(browser.errors).toEqual([]);
    });

    it('asks to cancel one unit on a click, shows it pending, then the fulfiller\'s decision pushed live, without reloading', async () => {
      const { page } = browser;
      const before = new Set((await cancellationStates()).map((cancellation) => cancellation.id));
      await page.evaluate(() => {
        (globalThis as unknown as { sameDocument: string }).sameDocument = 'still here';
      });
      const navigationsBefore = browser.navigations();
      const mutation = page.waitForRequest((request) => request.method() === 'POST' && (request.postData() ?? '').includes('CreateFulfillmentCancellation'));

      const clicked = Date.now();
      await page.locator(`[data-item-id="${HEADPHONES_ITEM}"] [data-testid="cancel-one"]`).click();
      const request = await mutation;
      const asked = JSON.parse(request.postData()!) as { variables: { input: { items: unknown; idempotencyKey: string } } };
      expect(request.headers().authorization).toBe(`Bearer ${token}`);
      expect(asked.variables.input.items).toEqual([{ fulfillmentOrderItemId: HEADPHONES_ITEM, quantity: 1 }]);
      expect(asked.variables.input.idempotencyKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

      const pending = page.locator('[data-testid="cancellation"][data-state="PENDING"]').filter({ hasNotText: 'ret_5823595271' });
      await pending.waitFor({ timeout: 5_000 });
      const shownPending = Date.now();
      const id = (await pending.getAttribute('data-cancellation-id'))!;
      expect(before.has(id)).toBe(false);
      await browser.screenshot('order-page-pending');

      const decided = page.locator(`[data-cancellation-id="${id}"]`).and(page.locator(DECIDED.map((state) => `[data-state="${state}"]`).join(', ')));
      await decided.waitFor({ timeout: 10_000 });
      const shownDecision = Date.now();
      const state = (await decided.getAttribute('data-state'))!;
      const measured = { fulfillerDelayMs: FULFILLER_DELAY_MS, clickToPendingMs: shownPending - clicked, clickToDecisionMs: shownDecision - clicked, decision: state };
      writeFileSync(join(OUTPUT_DIR, 'order-page-cancel.json'), `${JSON.stringify(measured, null, 2)}\n`);
      console.log(`[browser] click → PENDING shown ${measured.clickToPendingMs} ms, click → ${state} shown ${measured.clickToDecisionMs} ms (fulfiller delay ${FULFILLER_DELAY_MS} ms)`);
      await browser.screenshot('order-page-decided');

      expect(DECIDED).toContain(state);
      expect(measured.clickToDecisionMs).toBeGreaterThanOrEqual(FULFILLER_DELAY_MS);
      // The same document all along: no navigation, and what the test left on `window` is still there.
      expect(browser.navigations()).toBe(navigationsBefore);
      expect(await page.evaluate(() => (globalThis as unknown as { sameDocument?: string }).sameDocument)).toBe('still here');
      // The push brought the fulfillment order as it is after the decision.
      const cancellable = await page.locator(`[data-item-id="${HEADPHONES_ITEM}"] [data-testid="cancellable"]`).innerText();
      expect(cancellable).toBe(state === 'ACCEPTED' ? '3' : '4');
      const events = await page.locator('[data-testid="events"] li').allInnerTexts();
      expect(events.join('\n')).toContain(`fulfillment_cancellation.${state.toLowerCase()}`);
      expect(browser.outsideRequests).toEqual([]);
      expect(browser.errors).toEqual([]);
    });

    it('shows the userErrors of a request the gateway refuses', async () => {
      const { page } = browser;
      // The mouse has nothing left to cancel, so its button is off; press it anyway, as a stale page could.
      const button = page.locator(`[data-item-id="${MOUSE_ITEM}"] [data-testid="cancel-one"]`);
      await button.evaluate((element) => element.removeAttribute('disabled'));
      await button.click();
      const notice = page.locator('[data-testid="notice-error"]').filter({ hasText: 'Cancelling one Wireless Mouse' });
      await notice.waitFor({ timeout: 5_000 });
      expect(await notice.innerText()).toMatch(/\([a-z_]+( at [\w.]+)?\)$/);
      await browser.screenshot('order-page-user-error');
      expect(browser.outsideRequests).toEqual([]);
    });
  });
});
