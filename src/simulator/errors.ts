// Upstream-format error bodies (§1.8) and the error the route handlers throw to send one.

import type { UpstreamErrorBody } from './wire-types';

/** The error `type` upstream sends for each HTTP status (§1.8). */
export const ERROR_TYPE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  408: 'request_timeout',
  409: 'conflict',
  429: 'too_many_requests',
  500: 'internal_server_error',
  502: 'bad_gateway',
  503: 'service_unavailable',
  504: 'gateway_timeout',
};

// Codes for bodies the simulator makes up for a bare status (faults); upstream names them in §1.8.
const DEFAULT_CODE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'invalid_request',
  500: 'internal_error',
};

/** The error type for a status; unknown 4xx/5xx fall back to `bad_request` / `internal_server_error`. */
export function errorTypeFor(status: number): string {
  return ERROR_TYPE_BY_STATUS[status] ?? (status >= 500 ? 'internal_server_error' : 'bad_request');
}

/** An upstream error body with one entry. */
export function errorBody(status: number, code: string, message: string, parameter?: string): UpstreamErrorBody {
  return { type: errorTypeFor(status), errors: [{ code, ...(parameter !== undefined ? { parameter } : {}), message }] };
}

/** A plausible upstream body for a bare status, as fault injection sends it. */
export function defaultErrorBody(status: number): UpstreamErrorBody {
  const type = errorTypeFor(status);
  const code = DEFAULT_CODE_BY_STATUS[status] ?? type;
  return errorBody(status, code, `Simulated upstream failure (${status} ${type}).`);
}

/**
 * Thrown by route handlers to answer with an upstream error; the HTTP layer turns
 * it into the status, body and headers. Anything else thrown becomes a 500.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: UpstreamErrorBody,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(body.errors[0]?.message ?? `HTTP ${status}`);
    this.name = 'HttpError';
  }
}

/** 400 `invalid_parameter` naming the offending query or body field. */
export function invalidParameter(parameter: string, message: string): HttpError {
  return new HttpError(400, errorBody(400, 'invalid_parameter', message, parameter));
}

/** 404 `not_found` for an unknown object id, worded like upstream's `Order 180139250336 not found`. */
export function notFound(kind: string, id: string, parameter = 'id'): HttpError {
  return new HttpError(404, errorBody(404, 'not_found', `${kind} ${id} not found`, parameter));
}

/** 400 `missing_parameter` for a required body field that was not sent. */
export function missingParameter(parameter: string, message = `'${parameter}' is required.`): HttpError {
  return new HttpError(400, errorBody(400, 'missing_parameter', message, parameter));
}

/** 409 `conflict` with the given code, e.g. `order_complete`, `invalid_state`, `idempotency_key_reused`. */
export function conflict(code: string, message: string, parameter?: string): HttpError {
  return new HttpError(409, errorBody(409, code, message, parameter));
}
