// The ApolloServer instance behind GraphQL over HTTP: the admission as its only parser and validator, the compiled executor, the one error formatter.
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { GraphQLSchema } from 'graphql';

import type { Logger } from '../logger';
import type { Admission } from './admission';
import type { Allowlist } from './allowlist';
import type { OperationContext } from './context';
import type { CompiledExecutor } from './execute';
import { admissionPlugin } from './plugins/admission';

/** What {@link createApollo} wires together. */
export interface ApolloOptions {
  schema: GraphQLSchema;
  admission: Admission;
  executor: CompiledExecutor;
  /** With an allowlist, APQ serves exactly its documents and registers nothing new. */
  allowlist: Allowlist | undefined;
  production: boolean;
  formatError: NonNullable<ConstructorParameters<typeof ApolloServer<OperationContext>>[0]['formatError']>;
  logger: Logger;
}

/**
 * Creates (but does not start) the Apollo server. Apollo does what it is
 * good at — the GraphQL-over-HTTP protocol (GET/POST, content types, CSRF
 * prevention, automatic persisted queries) — and hands every operation to
 * the admission (plugins/admission.ts) and the compiled executor. Batched
 * HTTP requests stay off, so one HTTP request carries exactly one operation.
 * Apollo's own signal handlers stay off: the process entry owns shutdown.
 */
export function createApollo(options: ApolloOptions): ApolloServer<OperationContext> {
  const { schema, admission, executor, allowlist, production, formatError, logger } = options;
  return new ApolloServer<OperationContext>({
    gateway: executor,
    introspection: !production,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
    // The admission parses and validates; with no store Apollo executes the document it set.
    documentStore: null,
    persistedQueries: allowlist === undefined ? {} : { cache: allowlistCache(allowlist), ttl: null },
    formatError,
    logger: {
      debug: (message) => logger.debug(message),
      info: (message) => logger.info(message),
      warn: (message) => logger.warn(message),
      error: (message) => logger.error(message),
    },
    plugins: [
      admissionPlugin(admission),
      // No response sets cache hints, and the plugin's per-field hook makes Apollo wrap every resolver of the schema.
      ApolloServerPluginCacheControlDisabled(),
      // Apollo's landing page loads its explorer from a CDN; the gateway serves its own (src/web) instead.
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
}

/**
 * A read-only APQ cache holding exactly the allowlisted documents, so a
 * client may send only the hash; nothing new can be registered through APQ.
 * Apollo prefixes its keys with `apq:`.
 */
function allowlistCache(allowlist: Allowlist): KeyValueCache<string> {
  return {
    get: async (key) => allowlist.documentFor(key.startsWith('apq:') ? key.slice(4) : key),
    set: async () => undefined,
    delete: async () => undefined,
  };
}
