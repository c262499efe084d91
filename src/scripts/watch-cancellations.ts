// `npm run watch`: prints cancellation updates as they are pushed over graphql-ws, reconnecting by itself and resuming after the last event it printed (a developer tool).
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

const QUERY = `subscription Watch($orderId: ID, $fulfillmentOrderId: ID, $afterEventId: ID) {
  fulfillmentCancellationUpdated(orderId: $orderId, fulfillmentOrderId: $fulfillmentOrderId, afterEventId: $afterEventId) {
    eventId type occurredAt previousState
    fulfillmentCancellation {
      id state reason
      items { fulfillmentOrderItemId quantity quantityAccepted state }
      fulfillmentOrder { id state items { id pending cancelled cancellableQuantity } }
    }
  }
}`;

const USAGE = `usage: npm run watch -- [--order <orderId>] [--fulfillment-order <id>] [--after <eventId>] [--token <jwt>] [--url ws://host:port/graphql]

Prints every fulfillment cancellation update (all the caller may see when no filter is given).
Prints "subscribed" once the gateway has registered the subscription. After a dropped
connection it reconnects and resumes after the last event it printed (afterEventId).`;

/** Close codes the gateway (graphql-ws) uses, and what they mean to someone running this script. */
const CLOSE_REASONS: Readonly<Record<number, string>> = {
  4400: 'the gateway found a protocol error',
  4401: 'the token expired',
  4403: 'the gateway refused the credentials (set --token to a valid JWT when AUTH_JWT_SECRET is set)',
  4429: 'too many connections for this caller',
  4500: 'the gateway failed internally',
  1001: 'the gateway is shutting down',
  1008: 'the gateway closed a subscriber that stopped reading',
};
/** Codes after which trying again cannot help. */
const FATAL_CLOSES = new Set([4400, 4401, 4403, 4429]);

interface Options {
  url: string;
  token: string | undefined;
  orderId: string | null;
  fulfillmentOrderId: string | null;
  after: string | undefined;
}

/** Reads `--name value` pairs; exits with the usage on anything else. */
function parseOptions(argv: readonly string[], port: string): Options {
  const known = new Set(['order', 'fulfillment-order', 'after', 'token', 'url']);
  const values = new Map<string, string>();
  for (let index = 0; index < argv.length; index += 2) {
    const flag = argv[index] ?? '';
    const value = argv[index + 1];
    if (flag === '--help' || flag === '-h') usage(0);
    if (!flag.startsWith('--') || !known.has(flag.slice(2))) usage(2, `unknown option ${JSON.stringify(flag)}`);
    if (value === undefined || value.startsWith('--') || value === '') usage(2, `${flag} needs a value`);
    values.set(flag.slice(2), value);
  }
  const url = values.get('url') ?? `ws://127.0.0.1:${port}/graphql`;
  if (!/^wss?:\/\//.test(url)) usage(2, `--url must start with ws:// or wss://, got ${JSON.stringify(url)}`);
  return { url, token: values.get('token'), orderId: values.get('order') ?? null, fulfillmentOrderId: values.get('fulfillment-order') ?? null, after: values.get('after') };
}

function usage(code: number, problem?: string): never {
  if (problem !== undefined) process.stderr.write(`${problem}\n`);
  (code === 0 ? process.stdout : process.stderr).write(`${USAGE}\n`);
  process.exit(code);
}

/** What ended one connection, in words, and whether reconnecting can help. */
function describeFailure(error: unknown, url: string, socketError: unknown): { text: string; retry: boolean } {
  const cause = (socketError as { error?: { code?: string; message?: string } } | undefined)?.error;
  if (cause?.code !== undefined) {
    return { text: `cannot reach the gateway at ${url} (${cause.code}${cause.code === 'ECONNREFUSED' ? ': is it running?' : ''})`, retry: true };
  }
  const close = error as { code?: unknown; reason?: unknown };
  if (typeof close.code === 'number') {
    const reason = typeof close.reason === 'string' && close.reason !== '' ? close.reason : CLOSE_REASONS[close.code] ?? 'connection closed';
    const hint = CLOSE_REASONS[close.code];
    return { text: `connection closed with ${close.code}: ${reason}${hint !== undefined && hint !== reason ? ` (${hint})` : ''}`, retry: !FATAL_CLOSES.has(close.code) };
  }
  if (error instanceof Error) return { text: error.message, retry: true };
  return { text: JSON.stringify(error), retry: true };
}

function main(): void {
  const options = parseOptions(process.argv.slice(2), process.env.PORT ?? '4000');
  let lastEventId = options.after;
  let everSubscribed = false;
  let attempt = 0;
  let client: Client | undefined;
  let stopping = false;

  const connect = (): void => {
    let socket: WebSocket | undefined;
    let socketError: unknown;
    let acknowledged = false;
    const ackToken = `subscribed-${Date.now()}`;
    const resumedFrom = lastEventId;
    client = createClient({
      url: options.url,
      webSocketImpl: WebSocket,
      connectionParams: options.token === undefined ? {} : { authorization: `Bearer ${options.token}` },
      retryAttempts: 0,
      lazy: false,
      // The subscription's own error handler names the failure; graphql-ws' default would dump the raw event.
      onNonLazyError: () => undefined,
      on: {
        opened: (opened) => {
          socket = opened as WebSocket;
        },
        connected: () => {
          // After the subscribe message (sent right after the ack): the gateway answers a ping
          // only once it has handled what came before it, so the pong means "registered".
          setTimeout(() => socket?.send(JSON.stringify({ type: 'ping', payload: { ack: ackToken } })), 0);
        },
        pong: (_received, payload) => {
          if (acknowledged || (payload as { ack?: unknown } | undefined)?.ack !== ackToken) return;
          acknowledged = true;
          everSubscribed = true;
          attempt = 0;
          process.stdout.write(resumedFrom === undefined ? 'subscribed\n' : `subscribed (resuming after ${resumedFrom})\n`);
        },
        error: (error) => {
          socketError = error;
        },
      },
    });
    client.subscribe({ query: QUERY, variables: { orderId: options.orderId, fulfillmentOrderId: options.fulfillmentOrderId, afterEventId: lastEventId ?? null } }, {
      next: (result) => {
        const update = (result.data as { fulfillmentCancellationUpdated?: { eventId?: string } } | null | undefined)?.fulfillmentCancellationUpdated;
        process.stdout.write(`${JSON.stringify(result.data ?? result, null, 2)}\n`);
        if (typeof update?.eventId === 'string') lastEventId = update.eventId;
      },
      error: (error) => {
        if (stopping) return;
        if (Array.isArray(error)) return refused(error as Array<{ message: string; extensions?: { code?: unknown } }>);
        const failure = describeFailure(error, options.url, socketError);
        // Before the first subscription a failure is a set-up problem: say it and stop.
        if (!failure.retry || !everSubscribed) fail(failure.text);
        reconnect(failure.text);
      },
      complete: () => {
        if (!stopping) reconnect('the gateway ended the subscription');
      },
    });
  };

  const refused = (errors: Array<{ message: string; extensions?: { code?: unknown } }>): void => {
    if (errors.some((error) => error.extensions?.code === 'EVENT_CURSOR_EXPIRED') && lastEventId !== undefined) {
      process.stderr.write(`the gateway no longer holds the events after ${lastEventId} (EVENT_CURSOR_EXPIRED): some updates may have been missed, re-read the order with a query; watching live from now\n`);
      lastEventId = undefined;
      void client?.dispose();
      connect();
      return;
    }
    fail(`subscription refused: ${errors.map((error) => `${String(error.extensions?.code ?? 'ERROR')}: ${error.message}`).join('; ')}`);
  };

  const reconnect = (why: string): void => {
    void client?.dispose();
    attempt += 1;
    const delayMs = Math.min(500 * 2 ** (attempt - 1), 10_000);
    process.stderr.write(`${why}; reconnecting in ${(delayMs / 1000).toFixed(1)} s${lastEventId === undefined ? '' : ` to resume after ${lastEventId}`}\n`);
    setTimeout(connect, delayMs);
  };

  const fail = (text: string): never => {
    process.stderr.write(`${text}\n`);
    process.exit(1);
  };

  process.stdout.write(`watching cancellation updates on ${options.url} (Ctrl-C to stop)\n`);
  connect();
  process.on('SIGINT', () => {
    stopping = true;
    Promise.resolve(client?.dispose()).finally(() => process.exit(0));
  });
}

main();
