// Wires the layers into one HTTP server: upstream client, schema, Apollo, router. Reads no environment.
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Config } from './config';
import { createApollo } from './http/apollo';
import { createReadinessCheck } from './http/health';
import { createRouter } from './http/router';
import type { Logger } from './logger';
import { buildGatewaySchema } from './schema/build-schema';
import { onUnknownEnumValue } from './schema/enums/from-upstream';
import { type UpstreamClient, createUpstreamClient } from './upstream/client';

/** A started gateway. */
export interface RunningGateway {
  /** Base URL, e.g. `http://127.0.0.1:4000`. */
  readonly url: string;
  readonly port: number;
  /** Stops accepting, finishes in-flight requests, closes upstream connections. */
  stop(): Promise<void>;
}

/** What a gateway is built from besides its configuration. */
export interface GatewayDependencies {
  logger: Logger;
  /** Overrides the upstream client (tests); built from the configuration otherwise. */
  upstream?: UpstreamClient;
}

/**
 * Builds and starts a gateway listening on `config.host:config.port` (port 0
 * picks a free one). `config.upstreamBaseUrl` must be set: starting the
 * embedded simulator is the entry point's job.
 */
export async function startGateway(config: Config, deps: GatewayDependencies): Promise<RunningGateway> {
  const { logger } = deps;
  if (config.upstreamBaseUrl === undefined) throw new Error('startGateway needs config.upstreamBaseUrl');
  onUnknownEnumValue((enumName, value) => logger.warn({ enumName, value }, 'upstream sent a value this gateway does not know; mapped to UNKNOWN'));

  const upstream = deps.upstream ?? createUpstreamClient({
    baseUrl: config.upstreamBaseUrl,
    apiKey: config.upstreamApiKey,
    applicationId: config.applicationId,
    timeoutMs: config.upstreamTimeoutMs,
    connections: config.upstreamConnections,
  });
  const schema = await buildGatewaySchema();
  const apollo = createApollo(schema, config, logger);
  await apollo.start();

  const server: Server = createServer(createRouter({
    apollo,
    context: { config, logger, upstream },
    readiness: createReadinessCheck(upstream),
    logger,
  }));
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${shownHost}:${port}`;
  logger.info({ url, upstream: config.upstreamBaseUrl }, 'gateway listening');

  return {
    url,
    port,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await apollo.stop();
      await upstream.close();
    },
  };
}
