// A small GraphQL client for the gateway's pages: typed documents over HTTP POST, subscriptions over the graphql-ws WebSocket, one bearer token for both.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type Client, createClient } from 'graphql-ws';

import persistedDocuments from '../../../../schema/client/persisted-documents.json';
import type { ConnectionState } from './connection-state';
import { authorizationFor } from './token';

/** One GraphQL error as the gateway sends it. */
export interface GatewayError {
  message: string;
  extensions?: { code?: unknown } & Record<string, unknown>;
}

/** A GraphQL answer: data, errors, or both (partial data). */
export interface GatewayResult<TData> {
  data?: TData | null;
  errors?: readonly GatewayError[];
}

/** What a subscription hands back. */
export interface SubscriptionSink<TData> {
  next(result: GatewayResult<TData>): void;
  /** The subscription ended with an error (a refusal or a lost connection that will not be retried). */
  error(error: Error): void;
}

/** The client one page uses. */
export interface GatewayClient {
  /** Runs a query or mutation with POST (`content-type: application/json`, which CSRF prevention lets through). */
  request<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables): Promise<GatewayResult<TData>>;
  /** Starts a subscription over the WebSocket; the returned function ends it. */
  subscribe<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables, sink: SubscriptionSink<TData>): () => void;
  /** Closes the WebSocket; the client is not used after. */
  dispose(): void;
}

/** How the client reaches the gateway. */
export interface GatewayClientOptions {
  /** `/graphql`, or an absolute URL. */
  httpUrl: string;
  /** `ws://…/graphql`. */
  webSocketUrl: string;
  token: string;
  /** Told on every change of the WebSocket's state; `wasRetry` is true when a lost connection came back. */
  onConnection?: (state: ConnectionState, wasRetry: boolean) => void;
}

const MANIFEST: Readonly<Record<string, string>> = persistedDocuments;

/**
 * The exact text of a generated document, read from the persisted-documents
 * manifest by the hash the client preset stamps on it: the same bytes the
 * allowlist lists, so the page also works where only persisted operations run.
 */
export function documentText(document: TypedDocumentNode<unknown, never>): string {
  const meta: unknown = (document as { __meta__?: unknown }).__meta__;
  const hash = typeof meta === 'object' && meta !== null && 'hash' in meta && typeof meta.hash === 'string' ? meta.hash : undefined;
  const text = hash === undefined ? undefined : MANIFEST[hash] ?? MANIFEST[hash.replace(/^sha256:/, '')];
  if (text === undefined) throw new Error(`document ${operationName(document) ?? '(anonymous)'} is not in schema/client/persisted-documents.json: run npm run codegen`);
  return text;
}

/** The name of a document's operation. */
export function operationName(document: TypedDocumentNode<unknown, never>): string | undefined {
  for (const definition of document.definitions) {
    if (definition.kind === 'OperationDefinition') return definition.name?.value;
  }
  return undefined;
}

/** Creates a client; the WebSocket opens on the first subscription and reconnects when lost. */
export function createGatewayClient(options: GatewayClientOptions): GatewayClient {
  const authorization = authorizationFor(options.token);
  let connectedBefore = false;
  const ws: Client = createClient({
    url: options.webSocketUrl,
    // The same header value as over HTTP, in the payload the gateway reads it from.
    connectionParams: () => (authorization === undefined ? {} : { authorization }),
    lazy: true,
    // Keep trying while the page is open (a restarted gateway comes back on its own), but not after a refusal:
    // 4401 (token expired) and 4403 (token refused) will not change by asking again with the same token.
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: (event) => !isRefusal(event),
    on: {
      connecting: () => options.onConnection?.(connectedBefore ? 'reconnecting' : 'connecting', false),
      connected: () => {
        options.onConnection?.('live', connectedBefore);
        connectedBefore = true;
      },
      closed: () => options.onConnection?.(connectedBefore ? 'reconnecting' : 'closed', false),
    },
  });

  return {
    async request<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables): Promise<GatewayResult<TData>> {
      const response = await fetch(options.httpUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(authorization === undefined ? {} : { authorization }),
        },
        body: JSON.stringify({ query: documentText(document), operationName: operationName(document), variables }),
      });
      // Refusals (4xx) carry GraphQL errors too; anything else is a transport failure.
      const type = response.headers.get('content-type') ?? '';
      if (!type.includes('json')) throw new Error(`the gateway answered ${response.status} ${response.statusText}`);
      return resultOf<TData>(await response.json());
    },

    subscribe<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables, sink: SubscriptionSink<TData>): () => void {
      return ws.subscribe(
        { query: documentText(document), operationName: operationName(document), variables: variables as Record<string, unknown> },
        {
          next: (value) => sink.next(resultOf<TData>(value)),
          error: (error) => sink.error(errorOf(error)),
          complete: () => undefined,
        },
      );
    },

    dispose() {
      void ws.dispose();
    },
  };
}

// Narrows a JSON answer to the result shape; anything else is reported as one error.
function resultOf<TData>(value: unknown): GatewayResult<TData> {
  if (typeof value !== 'object' || value === null) return { errors: [{ message: 'the gateway sent something that is not a GraphQL result' }] };
  const { data, errors } = value as { data?: unknown; errors?: unknown };
  const result: GatewayResult<TData> = {};
  if (data !== undefined) result.data = data as TData | null;
  if (Array.isArray(errors)) result.errors = errors.map((error: unknown) => (isGatewayError(error) ? error : { message: String(error) }));
  return result;
}

function isGatewayError(value: unknown): value is GatewayError {
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';
}

function isRefusal(event: unknown): boolean {
  return typeof CloseEvent !== 'undefined' && event instanceof CloseEvent && event.code >= 4400 && event.code < 4500;
}

// graphql-ws reports a refusal as a list of GraphQL errors and a dropped socket as a CloseEvent.
function errorOf(error: unknown): Error {
  if (error instanceof Error) return error;
  if (Array.isArray(error)) return new Error(error.map((entry: unknown) => (isGatewayError(entry) ? describeError(entry) : String(entry))).join('; '));
  if (typeof CloseEvent !== 'undefined' && error instanceof CloseEvent) return new Error(`the WebSocket closed (${error.code}${error.reason === '' ? '' : `: ${error.reason}`})`);
  return new Error(String(error));
}

/** `message (CODE)`, the way the pages show an error. */
export function describeError(error: GatewayError): string {
  const code = error.extensions?.code;
  return typeof code === 'string' ? `${error.message} (${code})` : error.message;
}
