// Starts the simulator and a gateway on free ports for one test file; stop() tears both down.
import 'reflect-metadata';

import { Writable } from 'node:stream';

import { loadConfig } from '../../src/config';
import { type RunningGateway, startGateway } from '../../src/gateway';
import { createLogger } from '../../src/logger';
import { type Simulator, type SimulatorOptions, createSimulator } from '../../src/simulator/create-simulator';

/** A running simulator + gateway pair, with every log line the gateway wrote. */
export interface Stack {
  simulator: Simulator;
  gateway: RunningGateway;
  /** Gateway base URL. */
  url: string;
  /** Parsed JSON log lines of the gateway. */
  logs: Array<Record<string, unknown>>;
  stop(): Promise<void>;
}

/** Starts both on 127.0.0.1 with port 0. `env` adds gateway environment variables. */
export async function startStack(env: Record<string, string> = {}, simulatorOptions: SimulatorOptions = {}): Promise<Stack> {
  const simulator = await createSimulator({ port: 0, ...simulatorOptions });
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DR_API_BASE_URL: simulator.url,
    DR_API_KEY: simulatorOptions.apiKey ?? 'sk_test_simulator',
    LOG_LEVEL: 'info',
    ...env,
  });
  const gateway = await startGateway(config, { logger: createLogger(config.logLevel, sink) });
  return {
    simulator,
    gateway,
    url: gateway.url,
    logs,
    async stop() {
      await gateway.stop();
      await simulator.stop();
    },
  };
}
