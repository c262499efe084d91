// `npm run watch`: subscribes over graphql-ws to cancellation updates and prints each push as it arrives (a developer tool).
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const QUERY = `subscription Watch($orderId: ID, $fulfillmentOrderId: ID) {
  fulfillmentCancellationUpdated(orderId: $orderId, fulfillmentOrderId: $fulfillmentOrderId) {
    eventId type occurredAt previousState
    fulfillmentCancellation {
      id state reason
      items { fulfillmentOrderItemId quantity quantityAccepted state }
      fulfillmentOrder { id state items { id pending cancelled cancellableQuantity } }
    }
  }
}`;

/** Reads `--name value` pairs from argv. */
function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}

const url = option('url') ?? `ws://127.0.0.1:${process.env.PORT ?? '4000'}/graphql`;
const token = option('token');
const client = createClient({
  url,
  webSocketImpl: WebSocket,
  connectionParams: token === undefined ? {} : { authorization: `Bearer ${token}` },
  retryAttempts: 0,
});
process.stdout.write(`watching cancellation updates on ${url} (Ctrl-C to stop)\n`);
client.subscribe({ query: QUERY, variables: { orderId: option('order') ?? null, fulfillmentOrderId: option('fulfillment-order') ?? null } }, {
  next: (result) => process.stdout.write(`${JSON.stringify(result.data ?? result, null, 2)}\n`),
  error: (error) => {
    process.stderr.write(`subscription failed: ${error instanceof Error ? error.message : JSON.stringify(error)}\n`);
    process.exit(1);
  },
  complete: () => process.exit(0),
});
process.on('SIGINT', () => {
  Promise.resolve(client.dispose()).finally(() => process.exit(0));
});
