// The ApolloServer instance: schema, the one error formatter, plugins, introspection per configuration.
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';

import type { Config } from '../config';
import { createErrorFormatter } from '../errors/format-error';
import type { Logger } from '../logger';
import type { GatewayContext } from './context';

/** Creates (but does not start) the Apollo server. */
export function createApollo(schema: GraphQLSchema, config: Config, logger: Logger, plugins: ApolloServerPlugin<GatewayContext>[] = []): ApolloServer<GatewayContext> {
  return new ApolloServer<GatewayContext>({
    schema,
    introspection: !config.production,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
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
    plugins: [...(config.production ? [ApolloServerPluginLandingPageDisabled()] : []), ...plugins],
  });
}
