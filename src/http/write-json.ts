// Writes a JSON answer with its status and the request id header.
import type { ServerResponse } from 'node:http';

/** Writes `body` as JSON with `status`; `requestId` is echoed as `x-request-id` when given. */
export function writeJson(response: ServerResponse, status: number, requestId: string | undefined, body: unknown): void {
  response.statusCode = status;
  response.setHeader('content-type', 'application/json; charset=utf-8');
  if (requestId !== undefined) response.setHeader('x-request-id', requestId);
  response.end(JSON.stringify(body));
}
