// graphql-ws on the same port and path as HTTP GraphQL: a context per subscription, errors through the one formatter, slow sockets cut off.
import type { Server } from 'node:http';

import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

import { DEVELOPMENT_ADMIN, type Viewer } from '../auth/viewer';
import type { Logger } from '../logger';
import { type ContextDependencies, createContext } from './context';
import { createDocumentCache } from './document-cache';
import { clientIpOf, requestIdOf } from './request-id';

/** A running subscription endpoint. */
export interface SubscriptionServer {
  /** Open WebSocket connections. */
  openSockets(): number;
  /** Closes every socket with 1001 (going away) and stops accepting. */
  dispose(): Promise<void>;
}

/** Settings of {@link startSubscriptionServer}. */
export interface SubscriptionServerOptions {
  schema: GraphQLSchema;
  context: ContextDependencies;
  logger: Logger;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  /**
   * Bytes a socket may have queued unsent before it is closed as too slow
   * (1008), so one stalled reader cannot hold memory for everyone. Defaults to 1 MiB.
   */
  maxBufferedBytes?: number;
  /** Keep-alive ping interval in ms. Defaults to 12_000 (graphql-ws' default). */
  keepAliveMs?: number;
}

/** Attaches graphql-ws to `httpServer` at `/graphql`. */
export function startSubscriptionServer(httpServer: Server, options: SubscriptionServerOptions): SubscriptionServer {
  const { schema, logger, maxBufferedBytes = 1024 * 1024, keepAliveMs = 12_000 } = options;
  // perMessageDeflate off: it costs ~300 KB of zlib state per socket.
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql', perMessageDeflate: false, maxPayload: 1024 * 1024 });
  const documents = createDocumentCache();
  const disposable = useServer<Record<string, unknown> | undefined, { viewer: Viewer }>({
    schema,
    parse: (source) => documents.parse(source),
    validate: (validated, document) => documents.validate(validated, document),
    // connection_init carries {"authorization": "Bearer …"}; a refusal closes the socket with 4403.
    onConnect: async (ctx) => {
      const authorization = ctx.connectionParams?.authorization;
      try {
        const viewer = await options.context.authenticate(typeof authorization === 'string' ? authorization : undefined);
        ctx.extra.viewer = viewer;
        if (viewer.expiresAt !== undefined) {
          // exp is honoured for the life of the socket, not only at connect.
          const timer = setTimeout(() => ctx.extra.socket.close(4401, 'token expired'), Math.max(0, viewer.expiresAt - Date.now()));
          timer.unref();
          ctx.extra.socket.once('close', () => clearTimeout(timer));
        }
        return true;
      } catch (error) {
        logger.info({ reason: error instanceof Error ? error.message : String(error) }, 'refused a WebSocket connection');
        return false;
      }
    },
    context: (ctx) => createContext(options.context, requestIdOf(ctx.extra.request), clientIpOf(ctx.extra.request), ctx.extra.viewer ?? DEVELOPMENT_ADMIN),
    onNext: (ctx, _id, _payload, _args, result) => {
      if (ctx.extra.socket.bufferedAmount > maxBufferedBytes) {
        logger.warn({ buffered: ctx.extra.socket.bufferedAmount }, 'closing a subscriber that stopped reading');
        ctx.extra.socket.close(1008, 'subscriber too slow');
        return undefined;
      }
      if (result.errors === undefined) return undefined;
      return { ...result, errors: result.errors.map((error) => options.formatError(error.toJSON(), error)) };
    },
    onError: (_ctx, _id, _payload, errors) => errors.map((error) => options.formatError(error.toJSON(), error)),
  }, wsServer, keepAliveMs);
  return {
    openSockets: () => wsServer.clients.size,
    async dispose() {
      for (const client of wsServer.clients) client.close(1001, 'server shutting down');
      await disposable.dispose();
    },
  };
}
