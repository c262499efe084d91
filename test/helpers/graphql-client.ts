// Typed GraphQL over HTTP for tests, using the generated TypedDocumentNodes.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

/** A GraphQL response as the wire carries it. */
export interface GraphQLResult<TData> {
  data?: TData | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> & { code?: string } }>;
  extensions?: Record<string, unknown>;
}

/** Sends one operation and returns the parsed body and HTTP status. */
export async function execute<TData, TVariables>(
  url: string,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  headers: Record<string, string> = {},
): Promise<GraphQLResult<TData> & { status: number }> {
  return executeText<TData>(url, print(document), variables as Record<string, unknown>, headers);
}

/** Sends a query given as text (for invalid documents the generated types cannot express). */
export async function executeText<TData = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResult<TData> & { status: number }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as GraphQLResult<TData>;
  return { ...body, status: response.status };
}
