// Process entry: loads configuration, starts the embedded simulator when no upstream URL is set, starts the gateway, stops on SIGTERM.
import 'reflect-metadata';

import { randomBytes } from 'node:crypto';

import { type Config, ConfigError, loadConfig } from './config';
import { startGateway } from './gateway';
import { type Logger, createLogger } from './logger';
import { createSimulator } from './simulator/create-simulator';
import { createUpstreamClient, newCallContext } from './upstream/client';
import { registerWebhook } from './upstream/writes';

/** The event types the gateway pushes (§11.3); others are acknowledged and ignored anyway. */
const WEBHOOK_TYPES = ['order.*', 'fulfillment.created', 'fulfillment_order.*', 'fulfillment_cancellation.*'];

async function main(): Promise<void> {
  const loaded = loadConfig(process.env);
  const logger = createLogger(loaded.logLevel);
  const stops: Array<() => Promise<void>> = [];
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
    stops.push(() => simulator.stop());
    config = Object.freeze({ ...loaded, upstreamBaseUrl: simulator.url, webhookSecrets });
    registerOwnWebhook = true;
    logger.info({ simulator: simulator.url }, 'DR_API_BASE_URL is unset: serving the embedded upstream simulator with demo data and live webhooks');
  }
  const gateway = await startGateway(config, { logger });
  stops.unshift(() => gateway.stop());
  if (registerOwnWebhook) await registerEmbeddedWebhook(config, `${gateway.url}/webhooks/digitalriver`, logger);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.error('shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, 10_000);
    deadline.unref();
    (async () => {
      for (const stopPart of stops) await stopPart();
    })().then(() => process.exit(0), (error: unknown) => {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
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
