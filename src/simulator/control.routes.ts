// The `/__sim/*` control routes: read and clear the request log, arm and clear faults.

import { errorBody, HttpError } from './errors';
import { type FaultInjector, parseFaultSpec } from './faults';
import type { RequestLog } from './request-log';
import type { RouteResult } from './router';

/** Path prefix of the control routes; they need no auth and are never logged or faulted. */
export const CONTROL_PREFIX = '/__sim/';

/** What the control routes act on. */
export interface ControlDeps {
  requestLog: RequestLog;
  faults: FaultInjector;
}

/**
 * Answers a control request:
 * - `GET /__sim/requests` → the request log (JSON array); `DELETE` clears it (204);
 * - `GET /__sim/faults` → armed faults; `POST` arms one fault or an array of them (201);
 *   `DELETE` disarms all (204).
 *
 * @throws HttpError 400 for an invalid fault, 404 for an unknown control path, 405 for a wrong method.
 */
export function handleControl(method: string, path: string, body: unknown, deps: ControlDeps): RouteResult {
  const route = path.replace(/\/+$/, '');
  if (route === '/__sim/requests') {
    if (method === 'GET') return { status: 200, body: deps.requestLog.entries() };
    if (method === 'DELETE') {
      deps.requestLog.clear();
      return { status: 204 };
    }
    throw methodNotAllowed(method, ['GET', 'DELETE']);
  }
  if (route === '/__sim/faults') {
    if (method === 'GET') return { status: 200, body: deps.faults.list().map(serialisable) };
    if (method === 'DELETE') {
      deps.faults.clear();
      return { status: 204 };
    }
    if (method === 'POST') {
      const specs = Array.isArray(body) ? body : [body];
      try {
        const armed = specs.map((spec: unknown) => serialisable(deps.faults.add(parseFaultSpec(spec))));
        return { status: 201, body: Array.isArray(body) ? armed : armed[0] };
      } catch (error: unknown) {
        const message = error instanceof Error ? error.message : String(error);
        throw new HttpError(400, errorBody(400, 'invalid_parameter', message, 'fault'));
      }
    }
    throw methodNotAllowed(method, ['GET', 'POST', 'DELETE']);
  }
  throw new HttpError(404, errorBody(404, 'not_found', `Unknown simulator control route ${path}`));
}

// Private: a 405 listing the methods the path supports.
function methodNotAllowed(method: string, allowed: string[]): HttpError {
  return new HttpError(405, errorBody(405, 'method_not_allowed', `Method ${method} is not allowed here.`), { allow: allowed.join(', ') });
}

// Private: JSON has no Infinity, so "until cleared" is sent as remaining: null.
function serialisable<T extends { remaining: number }>(fault: T): Omit<T, 'remaining'> & { remaining: number | null } {
  return { ...fault, remaining: Number.isFinite(fault.remaining) ? fault.remaining : null };
}
