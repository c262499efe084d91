// Server-sent events on POST /graphql/stream (graphql-sse's distinct-connections mode): an adapter onto the operation pipeline that labels each push with its event id.
import type { IncomingMessage, ServerResponse } from 'node:http';

import { type ExecutionResult, GraphQLError, type GraphQLFormattedError, subscribe } from 'graphql';

import { ErrorCode } from '../errors/codes';
import { SubscriberTooSlowError } from '../errors/subscriber-too-slow-error';
import { AdmissionError } from '../graphql/admission-error';
import type { OperationRequest } from '../graphql/admission';
import type { OperationContext } from '../graphql/context';
import { costExtension } from '../graphql/cost-extension';
import type { OperationPipeline } from '../graphql/pipeline';
import type { Logger } from '../logger';
import { BodyTooLargeError, readBody } from './read-body';
import { clientIpOf, requestIdOf } from './request-id';
import { writeJson } from './write-json';

/** Settings of {@link createSseHandler}. */
export interface SseOptions {
  pipeline: OperationPipeline;
  logger: Logger;
  /**
   * A comment line (`:`) is sent after this many ms, so proxies that cut idle
   * connections (commonly after 30–60 s) keep the stream. Defaults to 12_000,
   * graphql-ws' keep-alive.
   */
  keepAliveMs?: number;
  /** Bytes a stream may have unsent before it is closed as too slow. Defaults to 1 MiB. */
  maxBufferedBytes?: number;
}

/** The SSE endpoint. */
export interface SseHandler {
  /** Serves one `POST /graphql/stream`; resolves when its stream has ended. */
  handle(request: IncomingMessage, response: ServerResponse): Promise<void>;
  /** Streams open now. */
  openStreams(): number;
  /** Ends every open stream with `complete` (shutdown) and resolves once they are closed. */
  closeAll(): Promise<void>;
}

/** One open stream: how to end it from outside. */
interface OpenStream {
  stop(): void;
  ended: Promise<void>;
}

/**
 * Creates the handler. Everything that can be refused is refused before the
 * stream opens, as a 4xx JSON body of errors with the admission's status and
 * code (the runtime contract's rule for HTTP and SSE): a missing `Accept:
 * text/event-stream` (406), an oversized body (413), a body that is not an
 * operation (400), authentication (401/403), the admission (400/403/413/429).
 * What fails once the operation runs (an expired cursor, someone else's
 * order, a subscriber too slow) is a `next` event with the errors, then
 * `complete`. A `Last-Event-ID` header resumes like the `afterEventId` argument.
 */
export function createSseHandler({ pipeline, logger, keepAliveMs = 12_000, maxBufferedBytes = 1024 * 1024 }: SseOptions): SseHandler {
  const streams = new Set<OpenStream>();

  const format = (error: unknown): GraphQLFormattedError => {
    if (error instanceof SubscriberTooSlowError) {
      // Not a defect: the client reconnects with Last-Event-ID and misses nothing.
      return { message: `${error.message} (reconnect with Last-Event-ID)`, extensions: { code: ErrorCode.THROTTLED } };
    }
    const graphQLError = error instanceof GraphQLError ? error : new GraphQLError(error instanceof Error ? error.message : String(error), { originalError: error instanceof Error ? error : undefined });
    return pipeline.formatError(graphQLError.toJSON(), graphQLError);
  };

  const formatResult = (result: ExecutionResult, context: OperationContext, single: boolean): ExecutionResult | Record<string, unknown> => {
    const errors = result.errors?.map((error) => pipeline.formatError(error.toJSON(), error));
    for (const error of errors ?? []) context.record.codes.add(String(error.extensions?.code ?? ErrorCode.INTERNAL));
    return {
      ...result,
      ...(errors === undefined ? {} : { errors }),
      ...(single ? { extensions: { ...result.extensions, cost: costExtension(context, pipeline.admission.limits) } } : {}),
    };
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = requestIdOf(request);
    const record = pipeline.log.start('sse', requestId);
    const refuse = (status: number, errors: readonly GraphQLFormattedError[]): void => {
      record.refused = true;
      for (const error of errors) record.codes.add(String(error.extensions?.code ?? ErrorCode.INTERNAL));
      writeJson(response, status, requestId, { errors });
      pipeline.log.finish(record, status);
    };
    const badInput = (status: number, message: string): void => refuse(status, [{ message, extensions: { code: status === 413 ? ErrorCode.QUERY_TOO_COMPLEX : ErrorCode.BAD_USER_INPUT } }]);

    if (!(request.headers.accept ?? '').includes('text/event-stream')) {
      return badInput(406, 'POST /graphql/stream answers with server-sent events only: send Accept: text/event-stream (or use POST /graphql)');
    }
    let raw: Buffer;
    try {
      raw = await readBody(request);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return badInput(413, error.message);
      throw error;
    }
    const operation = parseOperation(raw);
    if (typeof operation === 'string') return badInput(400, operation);

    let context: OperationContext;
    try {
      context = pipeline.newContext(record, clientIpOf(request), await pipeline.authenticate(request.headers.authorization));
    } catch (error) {
      const status = error instanceof GraphQLError ? httpStatusOf(error) ?? 401 : 401;
      return refuse(status, [format(error)]);
    }
    try {
      context.admitted = pipeline.admission.admit(operation, 'sse');
      await pipeline.admission.charge(context);
    } catch (error) {
      record.operationName = operation.operationName ?? undefined;
      if (!(error instanceof AdmissionError)) throw error;
      const { retryAfterSeconds } = error.extensions;
      if (typeof retryAfterSeconds === 'number') response.setHeader('retry-after', String(retryAfterSeconds));
      return refuse(error.status, [format(error)]);
    }
    const admitted = context.admitted;
    record.type = admitted.operation.operation;
    record.operationName = admitted.operationName;
    const lastEventId = request.headers['last-event-id'];
    if (typeof lastEventId === 'string' && lastEventId !== '') context.resumeAfter = lastEventId;

    if (admitted.operation.operation !== 'subscription') {
      const result = await pipeline.executor.run({ ...admitted, context });
      pipeline.log.finish(record, 200);
      if (response.destroyed) return;
      openStream(response, requestId);
      writeEvent(response, 'next', JSON.stringify(formatResult(result, context, true)));
      writeEvent(response, 'complete', '');
      response.end();
      return;
    }

    // The listener is registered (and any replay checked) before the stream opens: the 200 is the acknowledgement.
    const source = await subscribe({ schema: pipeline.schema, document: admitted.document, operationName: admitted.operationName, variableValues: admitted.variables, contextValue: context });
    if (response.destroyed) {
      if (Symbol.asyncIterator in source) await source.return?.();
      pipeline.log.finish(record, 200);
      return;
    }
    openStream(response, requestId);
    if (!(Symbol.asyncIterator in source)) {
      writeEvent(response, 'next', JSON.stringify(formatResult(source, context, false)));
      writeEvent(response, 'complete', '');
      response.end();
      pipeline.log.finish(record, 200);
      return;
    }
    await pump(source, response, context);
    pipeline.log.finish(record, 200);
  }

  // Writes each push until the source ends, the client leaves, or shutdown stops it.
  async function pump(source: AsyncGenerator<ExecutionResult>, response: ServerResponse, context: OperationContext): Promise<void> {
    let stopping = false;
    const stop = (): void => {
      stopping = true;
      void source.return(undefined);
    };
    let resolveEnded = (): void => undefined;
    const stream: OpenStream = { stop, ended: new Promise<void>((resolve) => { resolveEnded = resolve; }) };
    streams.add(stream);
    const keepAlive = setInterval(() => {
      if (!response.destroyed) response.write(':\n\n');
    }, keepAliveMs);
    response.once('close', stop);
    try {
      for await (const result of source) {
        writeEvent(response, 'next', JSON.stringify(formatResult(result, context, false)), context.lastEventId);
        if (response.writableLength > maxBufferedBytes) {
          logger.warn({ requestId: context.requestId, buffered: response.writableLength }, 'closing an event stream that stopped reading');
          response.destroy();
          break;
        }
      }
    } catch (error) {
      if (!stopping && !response.destroyed) {
        const formatted = format(error);
        context.record.codes.add(String(formatted.extensions?.code ?? ErrorCode.INTERNAL));
        writeEvent(response, 'next', JSON.stringify({ errors: [formatted] }));
      }
    } finally {
      clearInterval(keepAlive);
      response.off('close', stop);
      streams.delete(stream);
      if (!response.destroyed && !response.writableEnded) {
        writeEvent(response, 'complete', '');
        response.end();
      }
      resolveEnded();
    }
  }

  return {
    handle,
    openStreams: () => streams.size,
    async closeAll() {
      const open = [...streams];
      for (const stream of open) stream.stop();
      await Promise.all(open.map((stream) => stream.ended));
    },
  };
}

/** The request body as an operation, or a message saying what is wrong with it. */
function parseOperation(raw: Buffer): OperationRequest | string {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return 'The request body is not valid JSON';
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'The request body must be a JSON object with "query"';
  const { query, variables, operationName, documentId, extensions } = body as Record<string, unknown>;
  if (query !== undefined && typeof query !== 'string') return `"query" must be a string, got ${typeof query}`;
  if (documentId !== undefined && typeof documentId !== 'string') return '"documentId" must be a string';
  if (extensions !== undefined && extensions !== null && (typeof extensions !== 'object' || Array.isArray(extensions))) return '"extensions" must be an object';
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) return '"variables" must be an object';
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return '"operationName" must be a string';
  return {
    query,
    documentId,
    extensions: extensions as Record<string, unknown> | null | undefined,
    variables: variables as Record<string, unknown> | null | undefined,
    operationName: operationName as string | null | undefined,
  };
}

/** Sends the 200 and the event-stream headers, now: the client's acknowledgement. */
function openStream(response: ServerResponse, requestId: string): void {
  response.statusCode = 200;
  response.setHeader('content-type', 'text/event-stream; charset=utf-8');
  response.setHeader('cache-control', 'no-cache');
  response.setHeader('connection', 'keep-alive');
  // nginx buffers responses unless told not to.
  response.setHeader('x-accel-buffering', 'no');
  response.setHeader('x-request-id', requestId);
  response.flushHeaders();
}

/** One SSE event; `data` is one line (JSON never holds a raw newline). */
function writeEvent(response: ServerResponse, event: 'next' | 'complete', data: string, id?: string): void {
  // A line break in an id would end the field early; upstream's ids have none, the check keeps the framing whatever comes.
  const idLine = id === undefined || /[\r\n]/.test(id) ? '' : `id: ${id}\n`;
  response.write(`${idLine}event: ${event}\ndata: ${data}\n\n`);
}

function httpStatusOf(error: GraphQLError): number | undefined {
  const http = error.extensions.http as { status?: unknown } | undefined;
  return typeof http?.status === 'number' ? http.status : undefined;
}
