// One structured log line per GraphQL operation: request id, operation, outcome, latency, upstream calls, error codes.
import type { ApolloServerPlugin } from '@apollo/server';

import type { Logger } from '../../logger';

/** What the access log reads from the context. */
interface LoggableContext {
  requestId: string;
  upstreamCalls(): number;
}

/** Logs each operation at `info` once its response is ready (variables and tokens are never logged). */
export function accessLogPlugin<TContext extends LoggableContext>(logger: Logger): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ contextValue, operationName, operation, response, errors }) {
          const codes = [...new Set((errors ?? []).map((error) => String(error.extensions?.code ?? 'INTERNAL')))];
          logger.info({
            requestId: contextValue?.requestId,
            operation: operationName ?? 'anonymous',
            type: operation?.operation ?? 'unknown',
            status: response.http.status ?? 200,
            durationMs: Math.round((performance.now() - started) * 10) / 10,
            upstreamCalls: contextValue?.upstreamCalls?.() ?? 0,
            ...(codes.length === 0 ? {} : { errorCodes: codes }),
          }, 'graphql operation');
        },
      };
    },
  };
}
