// The HTML of the explorer and the live order page: a shell that loads the page's built script and stylesheet and hands it its settings as JSON.
import type { PageAssets } from './manifest';

/** Ids in the simulator's seeded demo data (deterministic seed) that the examples and the start-up log use. */
export const DEMO_IDS = {
  /** An accepted order whose fulfillment order still has units to cancel: 2 Logo Mugs, 4 Studio Headphones (the id below). */
  orderId: '240049980336',
  fulfillmentOrderId: '5774322912',
  fulfillmentOrderItemId: '65049160336',
} as const;

/** Where a page finds its files and the GraphQL endpoint. */
export interface PageContext {
  /** URL path prefix of the built files, e.g. `/assets/`. */
  assetPrefix: string;
  graphqlPath: string;
  /** Monaco worker URLs by label (explorer only). */
  workers?: Readonly<Record<string, string>>;
}

/** The explorer's HTML. */
export function explorerHtml(assets: PageAssets, context: PageContext): string {
  return shell({
    title: 'GraphQL explorer · Digital River gateway',
    assets,
    context,
    config: { graphqlPath: context.graphqlPath, demo: DEMO_IDS, orderId: '', workers: context.workers ?? {} },
    body: '<div id="root"></div>',
  });
}

/** The live order page's HTML for one order id (already checked by the caller). */
export function orderPageHtml(assets: PageAssets, context: PageContext, orderId: string): string {
  return shell({
    title: `Order ${orderId} · live`,
    assets,
    context,
    config: { graphqlPath: context.graphqlPath, demo: DEMO_IDS, orderId, workers: {} },
    body: '<header id="bar"></header><main id="app"></main>',
  });
}

interface ShellOptions {
  title: string;
  assets: PageAssets;
  context: PageContext;
  config: Record<string, unknown>;
  body: string;
}

function shell({ title, assets, context, config, body }: ShellOptions): string {
  const style = assets.style === undefined ? '' : `<link rel="stylesheet" href="${escapeHtml(context.assetPrefix + assets.style)}">`;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    // An empty icon: the browser asks for /favicon.ico otherwise, and its 404 shows as a console error.
    '<link rel="icon" href="data:,">',
    style,
    `<script type="application/json" id="page-config">${jsonForScript(config)}</script>`,
    `<script defer src="${escapeHtml(context.assetPrefix + assets.script)}"></script>`,
    '</head>',
    `<body>${body}<noscript>This page needs JavaScript.</noscript></body>`,
    '</html>',
    '',
  ].join('\n');
}

/** Text safe inside HTML text and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * JSON safe inside a `<script type="application/json">` block: `<` is
 * written as `\u003c`, so no value can close the block (`</script>`) or open
 * a comment; JSON.parse reads it back unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * The Content-Security-Policy of both pages: everything from this origin
 * only (scripts, styles, workers, fonts, connections including the same-host
 * WebSocket), inline styles for Monaco's and GraphiQL's element styles, and
 * `data:` for the fonts and icons GraphiQL inlines. A browser thus refuses
 * any request to another host, whatever a dependency tries.
 */
export function contentSecurityPolicy(host: string | undefined): string {
  // Chromium counts ws: as 'self', other browsers may not: name the same host explicitly when it is a plain host[:port].
  const sameHostSockets = host !== undefined && /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "worker-src 'self'",
    `connect-src 'self'${sameHostSockets}`,
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
