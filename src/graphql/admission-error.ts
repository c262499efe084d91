// The refusal of an operation by the admission: a contract code, the HTTP status a transport answers with, and what was measured.
import { ErrorCode } from '../errors/codes';
import { GatewayGraphQLError } from '../errors/graphql-errors';

/** The codes an admission refusal may carry (runtime.md, "Admission"). */
export type AdmissionCode =
  | ErrorCode.BAD_USER_INPUT
  | ErrorCode.FORBIDDEN
  | ErrorCode.QUERY_TOO_COMPLEX
  | ErrorCode.THROTTLED
  | ErrorCode.PERSISTED_QUERY_NOT_FOUND;

/**
 * An operation refused before any resolver ran. `status` is what HTTP-like
 * transports answer (400, 403, 413, 429); the WebSocket sends it as an
 * `error` message for the operation id. Apollo reads `extensions.http` and
 * strips it from the answer.
 */
export class AdmissionError extends GatewayGraphQLError {
  constructor(message: string, code: AdmissionCode, readonly status: number, extensions: Record<string, unknown> = {}) {
    super(message, code, { ...extensions, http: { status } });
  }
}

/** A BAD_USER_INPUT refusal (400): parse, validation, variables, transport misuse. */
export function badInput(message: string, extensions: Record<string, unknown> = {}): AdmissionError {
  return new AdmissionError(message, ErrorCode.BAD_USER_INPUT, 400, extensions);
}

/** A QUERY_TOO_COMPLEX refusal: 413 for size, 400 for shape and cost. */
export function tooComplex(message: string, extensions: Record<string, unknown> = {}, status = 400): AdmissionError {
  return new AdmissionError(message, ErrorCode.QUERY_TOO_COMPLEX, status, extensions);
}
