// Process entry: loads configuration, starts the embedded simulator when no upstream URL is set, starts the gateway, stops on SIGTERM.
import 'reflect-metadata';

import { ConfigError, loadConfig } from './config';
import { startGateway } from './gateway';
import { createLogger } from './logger';
import { createSimulator } from './simulator/create-simulator';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const stops: Array<() => Promise<void>> = [];

  let upstreamBaseUrl = config.upstreamBaseUrl;
  if (upstreamBaseUrl === undefined) {
    // The embedded default: a faithful upstream simulator in this process.
    const simulator = await createSimulator({ port: config.simulatorPort, host: '127.0.0.1', apiKey: config.upstreamApiKey });
    stops.unshift(() => simulator.stop());
    upstreamBaseUrl = simulator.url;
    logger.info({ simulator: simulator.url }, 'DR_API_BASE_URL is unset: serving the embedded upstream simulator with demo data');
  }
  const gateway = await startGateway({ ...config, upstreamBaseUrl }, { logger });
  stops.unshift(() => gateway.stop());

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

main().catch((error: unknown) => {
  // The logger may not exist yet (bad configuration): write one JSON line by hand.
  const message = error instanceof ConfigError ? error.message : error instanceof Error ? error.stack ?? error.message : String(error);
  process.stderr.write(`${JSON.stringify({ level: 'fatal', msg: 'gateway failed to start', error: message })}\n`);
  process.exit(1);
});
