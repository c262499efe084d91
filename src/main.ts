// Process entry: loads configuration, starts the embedded simulator when no upstream URL is set, starts the gateway, stops on SIGTERM or SIGINT.
import 'reflect-metadata';

import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';

import pino from 'pino';

import { type Config, ConfigError, loadConfig } from './config';
import { startGateway } from './gateway';
import { type Logger, createLogger } from './logger';
import { type Shutdown, createShutdown, quietly } from './shutdown';
import { createSimulator } from './simulator/create-simulator';
import { createUpstreamClient, newCallContext } from './upstream/client';
import { registerWebhook } from './upstream/writes';

/** The event types the gateway pushes (§11.3); others are acknowledged and ignored anyway. */
const WEBHOOK_TYPES = ['order.*', 'fulfillment.created', 'fulfillment_order.*', 'fulfillment_cancellation.*'];

async function main(): Promise<void> {
  const loaded = loadConfig(process.env);
  const logger = createLogger(loaded.logLevel);
  const shutdown = createShutdown({ graceMs: loaded.shutdownGraceMs, logger, exit: (code) => exitAfterLogs(logger, code) });
  // Listening before anything starts: a signal during start-up stops what has
  // started so far. Apollo's own signal handlers are off (stopOnTerminationSignals:
  // false); with both, its second stop() never settled and every exit took the grace.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void shutdown.begin(signal));
  // A backstop: no single failing event, request or subscriber may end the
  // process. The known sources catch their own failures; this logs a missed one.
  process.on('unhandledRejection', (reason) => quietly(() => logger.error({ err: reason }, 'unhandled promise rejection; the process goes on')));
  try {
    await startParts(loaded, logger, shutdown);
  } catch (error) {
    // Stopping what was starting can make the start fail; the shutdown decides the exit code then.
    if (!shutdown.begun) throw error;
    logger.info({ err: error }, 'start-up cut short by the shutdown');
  }
}

/**
 * Exits once pino's stdout stream has written everything (its `drain`), shown
 * the broken pipe (`error`), or 200 ms have passed, whichever comes first.
 * pino writes stdout asynchronously and, at exit, flushes the rest with
 * sonic-boom's `flushSync`, which retries a failed write for ever, EPIPE
 * included: with stdout's reader gone (a log viewer piped after `npm start`
 * that the same Ctrl-C closed) and a line still buffered, the process never
 * ended. So the exit flush is switched off here: what could be written has
 * been, and what is left has nowhere to go in time.
 */
function exitAfterLogs(logger: Logger, code: number): void {
  const stream: unknown = Reflect.get(logger, pino.symbols.streamSym);
  if (!(stream instanceof EventEmitter)) {
    process.exit(code);
    return;
  }
  let exiting = false;
  const exit = (): void => {
    if (exiting) return;
    exiting = true;
    Reflect.set(stream, 'flushSync', () => undefined);
    process.exit(code);
  };
  // When nothing is being written no drain comes, and the 200 ms pass.
  setTimeout(exit, 200);
  stream.once('drain', exit);
  stream.once('error', exit);
}

/** Starts the simulator (when no upstream is configured) and the gateway, registering each with the shutdown. */
async function startParts(loaded: Config, logger: Logger, shutdown: Shutdown): Promise<void> {
  let config: Config = loaded;
  let registerOwnWebhook = false;
  if (loaded.upstreamBaseUrl === undefined) {
    // The embedded default: a faithful upstream simulator in this process,
    // signing its webhooks with a secret this gateway shares.
    const webhookSecrets = loaded.webhookSecrets.length > 0 ? loaded.webhookSecrets : [`whsec_${randomBytes(24).toString('hex')}`];
    const simulator = await createSimulator({
      port: loaded.simulatorPort,
      host: '127.0.0.1',
      apiKey: loaded.upstreamApiKey,
      webhookSecrets: [...webhookSecrets],
    });
    // Stopped last: the gateway's in-flight requests still need their upstream.
    shutdown.add({ name: 'simulator', stop: () => simulator.stop() });
    config = Object.freeze({ ...loaded, upstreamBaseUrl: simulator.url, webhookSecrets });
    registerOwnWebhook = true;
    logger.info({ simulator: simulator.url }, 'DR_API_BASE_URL is unset: serving the embedded upstream simulator with demo data and live webhooks');
  }
  const gateway = await startGateway(config, { logger });
  shutdown.add({
    name: 'gateway',
    // In-flight requests may run until the grace is nearly spent; the rest is
    // kept for closing the upstream and Redis connections after them.
    stop: (remainingMs) => gateway.stop(Math.max(0, remainingMs - Math.min(2_000, remainingMs / 4))),
  });
  if (registerOwnWebhook) await registerEmbeddedWebhook(config, `${gateway.url}/webhooks/digitalriver`, logger);
}

/** Registers this gateway's receiver with the embedded simulator, as an operator does once in the upstream dashboard. */
async function registerEmbeddedWebhook(config: Config, address: string, logger: Logger): Promise<void> {
  const client = createUpstreamClient({
    baseUrl: config.upstreamBaseUrl as string,
    apiKey: config.upstreamApiKey,
    applicationId: config.applicationId,
    timeoutMs: config.upstreamTimeoutMs,
    connections: 1,
  });
  try {
    const webhook = await registerWebhook(client, address, WEBHOOK_TYPES, newCallContext());
    logger.info({ webhookId: webhook.id, address, types: WEBHOOK_TYPES }, 'registered the gateway\'s webhook endpoint with the simulator');
  } finally {
    await client.close();
  }
}

main().catch((error: unknown) => {
  // The logger may not exist yet (bad configuration): write one JSON line by hand.
  const message = error instanceof ConfigError ? error.message : error instanceof Error ? error.stack ?? error.message : String(error);
  process.stderr.write(`${JSON.stringify({ level: 'fatal', msg: 'gateway failed to start', error: message })}\n`);
  process.exit(1);
});
