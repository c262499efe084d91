// The ApolloServer instance: schema, the one error formatter, plugins, introspection and persisted queries per configuration.
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';

import type { Config } from '../config';
import { createErrorFormatter } from '../errors/format-error';
import type { Logger } from '../logger';
import { CompiledExecutor } from './compiled-executor';
import type { GatewayContext } from './context';
import type { GatewayMetrics } from './metrics';
import { metricsPlugin } from './metrics';
import { accessLogPlugin } from './plugins/access-log';
import { allowlistCache, allowlistPlugin, loadAllowlist } from './plugins/persisted-queries';
import { queryCostPlugin } from './plugins/query-cost';

/**
 * Creates (but does not start) the Apollo server. Automatic persisted queries
 * are on (Apollo's in-memory cache); with PERSISTED_QUERIES_ALLOWLIST only the
 * manifest's operations run. Batched HTTP requests stay off (Apollo's
 * default), so one HTTP request carries exactly one operation.
 */
export function createApollo(schema: GraphQLSchema, config: Config, logger: Logger, metrics: GatewayMetrics): ApolloServer<GatewayContext> {
  const allowlist = config.persistedQueriesAllowlist === undefined ? undefined : loadAllowlist(config.persistedQueriesAllowlist);
  if (allowlist !== undefined) logger.info({ operations: allowlist.length }, 'persisted-query allowlist mode: only listed operations run');
  const plugins: ApolloServerPlugin<GatewayContext>[] = [
    metricsPlugin(metrics),
    accessLogPlugin(logger),
    queryCostPlugin({ maxCost: config.queryMaxCost, maxDepth: config.queryMaxDepth, maxAliases: config.queryMaxAliases }),
    // No response sets cache hints, and the plugin's per-field hook makes Apollo wrap every resolver of the schema.
    ApolloServerPluginCacheControlDisabled(),
  ];
  if (allowlist !== undefined) plugins.push(allowlistPlugin(allowlist));
  if (config.production) plugins.push(ApolloServerPluginLandingPageDisabled());
  return new ApolloServer<GatewayContext>({
    gateway: new CompiledExecutor(schema),
    introspection: !config.production,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    persistedQueries: allowlist === undefined ? {} : { cache: allowlistCache(allowlist), ttl: null },
    formatError: createErrorFormatter({
      production: config.production,
      onUnexpected: (error) => logger.error({ err: error }, 'unexpected error in a GraphQL operation'),
    }),
    logger: {
      debug: (message) => logger.debug(message),
      info: (message) => logger.info(message),
      warn: (message) => logger.warn(message),
      error: (message) => logger.error(message),
    },
    plugins,
  });
}
