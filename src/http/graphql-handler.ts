// Adapts node:http to Apollo's executeHTTPGraphQLRequest: parses the body, builds the context, writes the answer.
import type { IncomingMessage, ServerResponse } from 'node:http';

import { type ApolloServer, HeaderMap } from '@apollo/server';

import { type ContextDependencies, type GatewayContext, createContext } from './context';
import { readBody } from './read-body';
import { clientIpOf, requestIdOf } from './request-id';

/** Handles one `GET` or `POST /graphql`. Body-size errors propagate to the router (413). */
export async function handleGraphQL(
  apollo: ApolloServer<GatewayContext>,
  deps: ContextDependencies,
  request: IncomingMessage,
  response: ServerResponse,
  search: string,
): Promise<void> {
  const requestId = requestIdOf(request);
  const clientIp = clientIpOf(request);
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  let body: unknown = undefined;
  if (request.method === 'POST') {
    const raw = await readBody(request);
    const contentType = headers.get('content-type') ?? '';
    if (contentType.includes('json')) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        writeJson(response, 400, requestId, { errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_USER_INPUT' } }] });
        return;
      }
    } else {
      body = raw.toString('utf8');
    }
  }
  const result = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: request.method ?? 'GET', headers, search, body },
    context: async () => createContext(deps, requestId, clientIp, await deps.authenticate(headers.get('authorization'))),
  });
  for (const [key, value] of result.headers) response.setHeader(key, value);
  response.setHeader('x-request-id', requestId);
  response.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    response.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) response.write(chunk);
  response.end();
}

/** Writes a JSON answer with the request id header. */
export function writeJson(response: ServerResponse, status: number, requestId: string | undefined, body: unknown): void {
  response.statusCode = status;
  response.setHeader('content-type', 'application/json; charset=utf-8');
  if (requestId !== undefined) response.setHeader('x-request-id', requestId);
  response.end(JSON.stringify(body));
}
