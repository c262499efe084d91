// Reads a request body and parses it as JSON the way the simulator accepts it.

import type { IncomingMessage } from 'node:http';

import { errorBody, HttpError } from './errors';

/** Bodies above this size are refused; upstream bodies in this slice are small. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The raw request body.
 *
 * @throws HttpError 400 when the body exceeds `MAX_BODY_BYTES`.
 */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) {
      throw new HttpError(400, errorBody(400, 'invalid_request', `The request body exceeds ${MAX_BODY_BYTES} bytes.`));
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * The body as JSON, or undefined when it is empty. JSON is accepted under
 * `application/json`, under `text/plain` (upstream's curl examples send that, §14 #10)
 * and without a content type.
 *
 * @throws HttpError 400 `invalid_request` for another content type or a body that is not JSON.
 */
export function parseJsonBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (mediaType !== '' && mediaType !== 'application/json' && mediaType !== 'text/plain' && !mediaType.endsWith('+json')) {
    throw new HttpError(400, errorBody(400, 'invalid_request', `Content-Type '${mediaType}' is not supported; send JSON.`));
  }
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, errorBody(400, 'invalid_format', 'The request body is not valid JSON.'));
  }
}
