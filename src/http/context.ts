// The per-operation GraphQL context: request id, logger and fresh loaders.
import type { Config } from '../config';
import { createLoaders, type Loaders } from '../loaders/create-loaders';
import type { Logger } from '../logger';
import type { UpstreamClient } from '../upstream/client';

/** What every resolver receives as `ctx`. */
export interface GatewayContext {
  /** Id of this GraphQL request; sent upstream as `upstream-id`. */
  readonly requestId: string;
  readonly clientIp: string | undefined;
  readonly logger: Logger;
  /** Loaders of this operation only. */
  readonly loaders: Loaders;
}

/** What {@link createContext} needs from the gateway. */
export interface ContextDependencies {
  readonly config: Config;
  readonly logger: Logger;
  readonly upstream: UpstreamClient;
}

/** Builds a context with fresh loaders: once per HTTP operation, once per pushed event for subscriptions. */
export function createContext(deps: ContextDependencies, requestId: string, clientIp: string | undefined): GatewayContext {
  const callContext = { requestId, clientIp };
  return {
    requestId,
    clientIp,
    logger: deps.logger.child({ requestId }),
    loaders: createLoaders(deps.upstream, callContext, { fetchConcurrency: deps.config.upstreamFetchConcurrency }),
  };
}
