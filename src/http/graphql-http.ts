// GraphQL over HTTP (POST and GET /graphql): decodes the request, hands it to Apollo and the operation pipeline, writes the answer, closes the operation's record.
import type { IncomingMessage, ServerResponse } from 'node:http';

import { HeaderMap } from '@apollo/server';

import { AuthenticationError } from '../auth/verify-token';
import { ErrorCode } from '../errors/codes';
import type { OperationPipeline } from '../graphql/pipeline';
import { readBody } from './read-body';
import { clientIpOf, requestIdOf } from './request-id';
import { writeJson } from './write-json';

/**
 * Handles one `GET` or `POST /graphql`. Body-size errors propagate to the
 * router (413). A `documentId` (the bare hash or `sha256:<hash>`) sent
 * instead of `query` is read as the APQ extension, so both persisted-document
 * conventions resolve through one lookup.
 */
export async function handleGraphQLHttp(pipeline: OperationPipeline, request: IncomingMessage, response: ServerResponse, search: string): Promise<void> {
  const requestId = requestIdOf(request);
  const clientIp = clientIpOf(request);
  const record = pipeline.log.start('http', requestId);
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
        body = withDocumentId(JSON.parse(raw.toString('utf8')));
      } catch {
        record.refused = true;
        record.codes.add(ErrorCode.BAD_USER_INPUT);
        writeJson(response, 400, requestId, { errors: [{ message: 'The request body is not valid JSON', extensions: { code: ErrorCode.BAD_USER_INPUT } }] });
        pipeline.log.finish(record, 400);
        return;
      }
    } else {
      body = raw.toString('utf8');
    }
  }
  const result = await pipeline.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: withDocumentIdParameter(search), body },
    context: async () => {
      try {
        return pipeline.newContext(record, clientIp, await pipeline.authenticate(headers.get('authorization')));
      } catch (error) {
        record.refused = true;
        record.codes.add(error instanceof AuthenticationError ? ErrorCode.UNAUTHENTICATED : ErrorCode.FORBIDDEN);
        throw error;
      }
    },
  });
  for (const [key, value] of result.headers) response.setHeader(key, value);
  response.setHeader('x-request-id', requestId);
  const status = result.status ?? 200;
  response.statusCode = status;
  // Refusals Apollo answers before the pipeline sees the operation (no query, unknown APQ hash, CSRF) count as refused too.
  if (status >= 400 && record.codes.size === 0) record.refused = true;
  pipeline.log.finish(record, status);
  if (result.body.kind === 'complete') {
    response.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) response.write(chunk);
  response.end();
}

/** A POST body's `documentId`, when no `query` came with it, as the APQ extension Apollo resolves. */
function withDocumentId(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const { documentId, query, extensions } = body as { documentId?: unknown; query?: unknown; extensions?: unknown };
  if (typeof documentId !== 'string' || query !== undefined) return body;
  const sha256Hash = documentId.startsWith('sha256:') ? documentId.slice('sha256:'.length) : documentId;
  const others = typeof extensions === 'object' && extensions !== null ? extensions : {};
  return { ...body, extensions: { ...others, persistedQuery: { version: 1, sha256Hash } } };
}

/** The same for a GET's `documentId` search parameter. */
function withDocumentIdParameter(search: string): string {
  if (!search.includes('documentId=')) return search;
  const parameters = new URLSearchParams(search);
  const documentId = parameters.get('documentId');
  if (documentId === null || parameters.has('query') || parameters.has('extensions')) return search;
  const sha256Hash = documentId.startsWith('sha256:') ? documentId.slice('sha256:'.length) : documentId;
  parameters.set('extensions', JSON.stringify({ persistedQuery: { version: 1, sha256Hash } }));
  return `?${parameters.toString()}`;
}
