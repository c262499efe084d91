// Starts an in-process gateway on port 0 against a simulator the test already runs (several gateways can share one), with its log lines kept.
import 'reflect-metadata';

import { Writable } from 'node:stream';

import { loadConfig } from '../../src/config';
import { type RunningGateway, startGateway } from '../../src/gateway';
import { createLogger } from '../../src/logger';
import type { Simulator } from '../../src/simulator/create-simulator';

/** A running gateway and every JSON log line it wrote. */
export interface GatewayOn {
  gateway: RunningGateway;
  url: string;
  logs: Array<Record<string, unknown>>;
  stop(): Promise<void>;
}

/** Starts a gateway on 127.0.0.1:0 over `simulator`; `env` adds environment variables. */
export async function startGatewayOn(simulator: Simulator, env: Record<string, string> = {}): Promise<GatewayOn> {
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DR_API_BASE_URL: simulator.url, DR_API_KEY: 'sk_test_simulator', LOG_LEVEL: 'info', ...env });
  const gateway = await startGateway(config, { logger: createLogger(config.logLevel, sink) });
  return { gateway, url: gateway.url, logs, stop: () => gateway.stop() };
}
