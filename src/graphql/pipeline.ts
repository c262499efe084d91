// Builds the one operation pipeline every transport adapts onto: schema, admission, compiled executor, error formatter, operation log, contexts, Apollo.
import type { ApolloServer } from '@apollo/server';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';

import type { Viewer } from '../auth/viewer';
import type { Config } from '../config';
import { createErrorFormatter } from '../errors/format-error';
import type { Logger } from '../logger';
import type { GatewayMetrics } from '../metrics/metrics';
import type { RedisConnections } from '../redis/redis-connection';
import { type Admission, createAdmission } from './admission';
import { type Allowlist, createAllowlist, loadAllowlist } from './allowlist';
import { createApollo } from './apollo';
import { createCallerRate } from './caller-rate';
import { type ContextDependencies, type OperationContext, createContext } from './context';
import { type CostBuckets, createMemoryCostBuckets } from './cost-bucket';
import type { CompiledExecutor } from './execute';
import { type OperationLog, type OperationRecord, createOperationLog } from './operation-log';
import { createRedisCostBuckets } from './redis-cost-bucket';
import { SettlingExecutor } from './settling-executor';

/** Everything a transport needs to run operations; transports hold no checks of their own. */
export interface OperationPipeline {
  readonly schema: GraphQLSchema;
  readonly admission: Admission;
  readonly executor: CompiledExecutor;
  readonly log: OperationLog;
  /** GraphQL over HTTP (its protocol handled by Apollo, operations by the admission and executor). */
  readonly apollo: ApolloServer<OperationContext>;
  readonly allowlist: Allowlist | undefined;
  /** The one error formatter: anything thrown becomes a contract code. */
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  /** Turns an Authorization value into a Viewer, or throws UNAUTHENTICATED / FORBIDDEN. */
  authenticate(authorization: string | undefined): Promise<Viewer>;
  /** A fresh operation context around the operation's record (from `log.start`). */
  newContext(record: OperationRecord, clientIp: string | undefined, viewer: Viewer): OperationContext;
}

/**
 * Builds the pipeline (Apollo is created, not started). With `redis`, the
 * callers' cost buckets are shared by every instance on it.
 */
export function createOperationPipeline(
  schema: GraphQLSchema,
  config: Config,
  deps: ContextDependencies,
  metrics: GatewayMetrics,
  logger: Logger,
  redis?: RedisConnections | undefined,
): OperationPipeline {
  const allowlist = config.persistedQueriesAllowlist === undefined ? undefined : createAllowlist(loadAllowlist(config.persistedQueriesAllowlist));
  if (allowlist !== undefined) logger.info({ operations: allowlist.size }, 'persisted-query allowlist mode: only listed operations run');
  const callerRate = createCallerRate(schema, { buckets: costBuckets(config, redis), chargeAdmins: config.callerCostAdmins });
  const admission = createAdmission(schema, {
    limits: { maxCost: config.queryMaxCost, maxDepth: config.queryMaxDepth, maxAliases: config.queryMaxAliases, maxNodes: config.queryMaxNodes },
    production: config.production,
    maxQueryBytes: config.queryMaxBytes,
    maxIdLength: config.idMaxLength,
    allowlist,
    callerRate,
  });
  const executor = new SettlingExecutor(schema, callerRate);
  const formatError = createErrorFormatter({
    production: config.production,
    onUnexpected: (error) => logger.error({ err: error }, 'unexpected error in a GraphQL operation'),
  });
  const log = createOperationLog({ logger, metrics, knownNames: allowlist?.names ?? [] });
  return {
    schema,
    admission,
    executor,
    log,
    allowlist,
    apollo: createApollo({ schema, admission, executor, allowlist, production: config.production, formatError, logger }),
    formatError,
    authenticate: deps.authenticate,
    newContext: (record, clientIp, viewer) => createContext(deps, record, clientIp, viewer),
  };
}

/** The callers' cost buckets: none with CALLER_COST_LIMIT=0, in Redis with REDIS_URL, else in this process. */
function costBuckets(config: Config, redis: RedisConnections | undefined): CostBuckets | undefined {
  if (config.callerCostLimit === 0) return undefined;
  const settings = { limit: config.callerCostLimit, perSecond: config.callerCostPerSecond };
  return redis === undefined ? createMemoryCostBuckets(settings) : createRedisCostBuckets(redis, settings);
}
