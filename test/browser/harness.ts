// Chromium for the browser tests: Debian's binary driven by playwright-core, a fresh profile, every request to another host blocked and recorded, console errors and bytes counted; suites skip saying why when Chromium is absent.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type BrowserContext, type Page, type Request, chromium } from 'playwright-core';

import { buildWebAssets } from '../../src/web/build-assets';

/** Debian's chromium package puts the browser here; CI installs it (.ci/run). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Screenshots land here (git-ignored). */
export const OUTPUT_DIR = join(__dirname, 'output');

// The flags this machine kind is known to need: no sandbox as root, and no background calls to Google's hosts (refused here).
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** `describe` when Chromium is installed; otherwise a skipped suite that says why, printed. */
export function describeInBrowser(name: string, body: () => void): void {
  if (!existsSync(CHROMIUM_PATH)) {
    describe.skip(`${name} (skipped: ${CHROMIUM_PATH} is missing; apt-get install -y chromium, as .ci/run does)`, () => {
      it('needs Chromium', () => undefined);
    });
    console.warn(`[browser] skipped "${name}": ${CHROMIUM_PATH} is missing (apt-get install -y chromium; .ci/run installs it)`);
    return;
  }
  describe(name, body);
}

/** Builds the pages when their build is missing or stale (an up-to-date build takes well under a second). */
export async function ensureWebBuild(): Promise<void> {
  await buildWebAssets();
}

/** One browser with one page, and what it did. */
export interface BrowserSession {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Every request to an origin not allowed, aborted before it left the browser. */
  readonly outsideRequests: string[];
  /** WebSocket URLs the page opened (recorded; only the allowed origins may appear). */
  readonly webSockets: string[];
  /** Console errors, uncaught page errors and failed requests (blocked ones excluded, they are in outsideRequests). */
  readonly errors: string[];
  /** Main-frame navigations since the session opened (the first load counts one). */
  navigations(): number;
  /** Bytes received (headers and encoded bodies, as on the wire) since the last reset. */
  receivedBytes(): Promise<number>;
  resetBytes(): void;
  /** Saves a full-page screenshot as `OUTPUT_DIR/<name>.png` and returns its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Launches Chromium with a new empty profile. Requests to any origin outside
 * `allowedOrigins` (e.g. `http://127.0.0.1:4000`) are aborted and recorded;
 * `data:` and `blob:` URLs never leave the browser and pass.
 */
export async function openBrowser(allowedOrigins: readonly string[]): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 860 },
  });
  const allowed = new Set(allowedOrigins);
  const outsideRequests: string[] = [];
  const webSockets: string[] = [];
  const errors: string[] = [];
  let sizes: Array<Promise<number>> = [];
  let navigations = 0;

  const isAllowed = (url: string): boolean => {
    const parsed = new URL(url);
    if (parsed.protocol === 'data:' || parsed.protocol === 'blob:') return true;
    return allowed.has(parsed.origin.replace(/^ws/, 'http'));
  };
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (isAllowed(url)) return route.continue();
    outsideRequests.push(url);
    return route.abort('blockedbyclient');
  });
  const page = context.pages()[0] ?? await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('requestfailed', (request: Request) => {
    if (isAllowed(request.url())) errors.push(`request failed: ${request.url()} (${request.failure()?.errorText ?? '?'})`);
  });
  page.on('websocket', (socket) => {
    webSockets.push(socket.url());
    if (!isAllowed(socket.url())) outsideRequests.push(socket.url());
  });
  page.on('response', (response) => {
    sizes.push(response.request().sizes().then((size) => size.responseHeadersSize + size.responseBodySize, () => 0));
  });
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations += 1;
  });

  return {
    context,
    page,
    outsideRequests,
    webSockets,
    errors,
    navigations: () => navigations,
    async receivedBytes() {
      return (await Promise.all(sizes)).reduce((sum, size) => sum + size, 0);
    },
    resetBytes() {
      sizes = [];
    },
    async screenshot(name) {
      mkdirSync(OUTPUT_DIR, { recursive: true });
      const path = join(OUTPUT_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Formats bytes as KiB with one decimal, for the measurements the tests print. */
export function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
