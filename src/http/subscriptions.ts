// graphql-ws on the same port and path as HTTP GraphQL: an adapter onto the operation pipeline for subscriptions, queries and mutations alike.
import type { Server } from 'node:http';

import { type ExecutionArgs, GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

import { AuthenticationError } from '../auth/verify-token';
import type { Viewer } from '../auth/viewer';
import { ErrorCode } from '../errors/codes';
import { AdmissionError, tooComplex } from '../graphql/admission-error';
import type { OperationContext } from '../graphql/context';
import { costExtension } from '../graphql/cost-extension';
import type { OperationPipeline } from '../graphql/pipeline';
import type { Logger } from '../logger';
import { setLongTimeout } from './long-timeout';
import { clientIpOf, requestIdOf } from './request-id';

/** A running WebSocket endpoint. */
export interface SubscriptionServer {
  /** Open WebSocket connections. */
  openSockets(): number;
  /** Closes every socket with 1001 (going away) and stops accepting. */
  dispose(): Promise<void>;
}

/** Settings of {@link startSubscriptionServer}. */
export interface SubscriptionServerOptions {
  pipeline: OperationPipeline;
  logger: Logger;
  /** Live subscriptions one connection may hold (WS_MAX_SUBSCRIPTIONS); one more is refused with QUERY_TOO_COMPLEX. */
  maxSubscriptionsPerConnection: number;
  /** Open connections one caller (token subject) may hold (WS_MAX_CONNECTIONS_PER_CALLER); one more is closed with 4429. */
  maxConnectionsPerCaller: number;
  /**
   * Bytes a socket may have queued unsent before it is closed as too slow
   * (1008), so one stalled reader cannot hold memory for everyone. Defaults to 1 MiB.
   */
  maxBufferedBytes?: number;
  /** Keep-alive ping interval in ms. Defaults to 12_000 (graphql-ws' default). */
  keepAliveMs?: number;
}

/** What one connection keeps beside graphql-ws' own context. */
interface ConnectionState {
  viewer: Viewer;
  callerId: string;
  requestId: string;
  clientIp: string | undefined;
  /** Operations admitted and not yet complete, by operation id. */
  operations: Map<string, OperationContext>;
  /** Ids of the live subscriptions among them. */
  subscriptions: Set<string>;
  sequence: number;
}

/** The close code for a caller over its connection cap (graphql-ws' "too many" code). */
const TOO_MANY_CONNECTIONS = 4429;

/** Attaches graphql-ws to `httpServer` at `/graphql`. */
export function startSubscriptionServer(httpServer: Server, options: SubscriptionServerOptions): SubscriptionServer {
  const { pipeline, logger, maxBufferedBytes = 1024 * 1024, keepAliveMs = 12_000 } = options;
  // perMessageDeflate off: it costs ~300 KB of zlib state per socket.
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql', perMessageDeflate: false, maxPayload: 1024 * 1024 });
  const connectionsPerCaller = new Map<string, number>();
  const states = new WeakMap<object, ConnectionState>();
  const stateOf = (ctx: { extra: unknown }): ConnectionState | undefined => states.get(ctx.extra as object);

  const refuse = (operation: OperationContext | undefined, record: OperationContext['record'], error: unknown): readonly GraphQLError[] => {
    record.refused = true;
    const refusal = error instanceof GraphQLError ? error : new GraphQLError('the operation could not be admitted', { originalError: error instanceof Error ? error : undefined });
    if (refusal instanceof AdmissionError) record.codes.add(refusal.code);
    else record.codes.add(String(refusal.extensions.code ?? ErrorCode.INTERNAL));
    if (operation !== undefined && refusal instanceof AdmissionError && typeof refusal.extensions.cost === 'object') {
      operation.refusedCost = refusal.extensions.cost as OperationContext['refusedCost'];
    }
    pipeline.log.finish(record);
    return [refusal];
  };

  const disposable = useServer<Record<string, unknown> | undefined>({
    // connection_init carries {"authorization": "Bearer …"}; a refusal closes the socket with 4403.
    onConnect: async (ctx) => {
      const authorization = ctx.connectionParams?.authorization;
      let viewer: Viewer;
      try {
        viewer = await pipeline.authenticate(typeof authorization === 'string' ? authorization : undefined);
      } catch (error) {
        logger.info({ reason: error instanceof Error ? error.message : String(error) }, 'refused a WebSocket connection');
        return false;
      }
      const socket = ctx.extra.socket;
      const callerId = `${viewer.kind}:${viewer.subject}`;
      const open = connectionsPerCaller.get(callerId) ?? 0;
      if (open >= options.maxConnectionsPerCaller) {
        logger.info({ callerId, open }, 'refused a WebSocket connection: too many open for this caller');
        socket.close(TOO_MANY_CONNECTIONS, `at most ${options.maxConnectionsPerCaller} connections per caller`);
        return false;
      }
      connectionsPerCaller.set(callerId, open + 1);
      socket.once('close', () => {
        const left = (connectionsPerCaller.get(callerId) ?? 1) - 1;
        if (left <= 0) connectionsPerCaller.delete(callerId);
        else connectionsPerCaller.set(callerId, left);
      });
      states.set(ctx.extra, {
        viewer,
        callerId,
        requestId: requestIdOf(ctx.extra.request),
        clientIp: clientIpOf(ctx.extra.request),
        operations: new Map(),
        subscriptions: new Set(),
        sequence: 0,
      });
      if (viewer.expiresAt !== undefined) {
        // exp is honoured for the life of the socket, not only at connect.
        const timer = setLongTimeout(() => socket.close(4401, 'token expired'), viewer.expiresAt - Date.now());
        socket.once('close', () => timer.clear());
      }
      return true;
    },
    // Every operation, whatever its type, is admitted here; graphql-ws never parses or validates on its own.
    onSubscribe: async (ctx, id, payload) => {
      const state = stateOf(ctx);
      // graphql-ws only reads operations once onConnect acknowledged the socket, which sets the state.
      if (state === undefined) return [new AuthenticationError('the connection is not initialised')];
      state.sequence += 1;
      const record = pipeline.log.start('websocket', `${state.requestId}.${state.sequence}`);
      let context: OperationContext | undefined;
      try {
        context = pipeline.newContext(record, state.clientIp, state.viewer);
        const admitted = pipeline.admission.admit(payload, 'websocket');
        record.type = admitted.operation.operation;
        record.operationName = admitted.operationName;
        if (admitted.operation.operation === 'subscription') {
          if (state.subscriptions.size >= options.maxSubscriptionsPerConnection) {
            throw tooComplex(`this connection already holds ${state.subscriptions.size} subscriptions; at most ${options.maxSubscriptionsPerConnection} are allowed`);
          }
          state.subscriptions.add(id);
        }
        context.admitted = admitted;
        await pipeline.admission.charge(context);
        state.operations.set(id, context);
        const args: ExecutionArgs = {
          schema: pipeline.schema,
          document: admitted.document,
          operationName: admitted.operationName,
          variableValues: admitted.variables,
          contextValue: context,
        };
        return args;
      } catch (error) {
        // A subscription refused by the caller's rate was counted against the connection's cap already.
        state.subscriptions.delete(id);
        record.operationName ??= typeof payload.operationName === 'string' ? payload.operationName : undefined;
        return refuse(context, record, error);
      }
    },
    // Queries and mutations run on the same compiled executor as HTTP.
    execute: (args: ExecutionArgs) => {
      const context = args.contextValue as OperationContext;
      const admitted = context.admitted as NonNullable<OperationContext['admitted']>;
      return pipeline.executor.run({ ...admitted, context });
    },
    onNext: (ctx, id, _payload, _args, result) => {
      const socket = ctx.extra.socket;
      if (socket.bufferedAmount > maxBufferedBytes) {
        logger.warn({ buffered: socket.bufferedAmount }, 'closing a subscriber that stopped reading');
        socket.close(1008, 'subscriber too slow');
        return undefined;
      }
      const context = stateOf(ctx)?.operations.get(id);
      const errors = result.errors?.map((error) => pipeline.formatError(error.toJSON(), error));
      for (const error of errors ?? []) context?.record.codes.add(String(error.extensions?.code ?? ErrorCode.INTERNAL));
      const single = context?.admitted?.operation.operation !== 'subscription';
      if (errors === undefined && !single) return undefined;
      return {
        ...result,
        ...(errors === undefined ? {} : { errors }),
        ...(single ? { extensions: { ...result.extensions, cost: costExtension(context, pipeline.admission.limits) } } : {}),
      };
    },
    onError: (ctx, id, _payload, errors) => {
      const context = stateOf(ctx)?.operations.get(id);
      const formatted = errors.map((error) => pipeline.formatError(error.toJSON(), error));
      for (const error of formatted) context?.record.codes.add(String(error.extensions?.code ?? ErrorCode.INTERNAL));
      return formatted;
    },
    onComplete: (ctx, id) => {
      const state = stateOf(ctx);
      const context = state?.operations.get(id);
      state?.operations.delete(id);
      state?.subscriptions.delete(id);
      if (context !== undefined) pipeline.log.finish(context.record);
    },
  }, wsServer, keepAliveMs);
  return {
    openSockets: () => wsServer.clients.size,
    async dispose() {
      for (const client of wsServer.clients) client.close(1001, 'server shutting down');
      await disposable.dispose();
    },
  };

}
