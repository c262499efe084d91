// Reads the settings the gateway writes into each page as a JSON block, so no page carries inline script.

/** Ids of the seeded demo data that the examples use. */
export interface DemoIds {
  orderId: string;
  fulfillmentOrderId: string;
  fulfillmentOrderItemId: string;
}

/** What the gateway tells every page. */
export interface PageConfig {
  /** Path of GraphQL over HTTP and of the WebSocket, e.g. `/graphql`. */
  graphqlPath: string;
  demo: DemoIds;
  /** The order the demo page shows; empty on the explorer. */
  orderId: string;
  /** Monaco worker scripts by label (explorer only). */
  workers: Record<string, string>;
}

/**
 * Parses `<script type="application/json" id="page-config">`. Throws naming
 * the field when the block is missing or malformed: the page cannot work
 * without it, and a clear message beats a blank screen.
 */
export function readPageConfig(doc: Document = document): PageConfig {
  const text = doc.getElementById('page-config')?.textContent ?? '';
  if (text === '') throw new Error('page-config block missing from the page');
  const config = objectField(JSON.parse(text), 'page-config');
  const demo = objectField(config.demo, 'page-config.demo');
  const workers: Record<string, string> = {};
  for (const [label, url] of Object.entries(objectField(config.workers, 'page-config.workers'))) {
    workers[label] = stringField(url, `page-config.workers.${label}`);
  }
  return {
    graphqlPath: stringField(config.graphqlPath, 'page-config.graphqlPath'),
    demo: {
      orderId: stringField(demo.orderId, 'page-config.demo.orderId'),
      fulfillmentOrderId: stringField(demo.fulfillmentOrderId, 'page-config.demo.fulfillmentOrderId'),
      fulfillmentOrderItemId: stringField(demo.fulfillmentOrderItemId, 'page-config.demo.fulfillmentOrderItemId'),
    },
    orderId: stringField(config.orderId, 'page-config.orderId'),
    workers,
  };
}

/** The same-origin WebSocket URL of a path (`ws:` under http, `wss:` under https). */
export function webSocketUrl(path: string, location: Location = window.location): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${path}`;
}

function objectField(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${name} must be an object`);
  return value as Record<string, unknown>;
}

function stringField(value: unknown, name: string): string {
  if (typeof value !== 'string') throw new Error(`${name} must be a string, got ${typeof value}`);
  return value;
}
