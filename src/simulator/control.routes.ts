// The `/__sim/*` control routes: request log, faults, fulfiller decisions, webhook secrets and deliveries.

import { conflict, errorBody, HttpError, invalidParameter, missingParameter, notFound } from './errors';
import { type FaultInjector, parseFaultSpec } from './faults';
import { FULFILLER_OUTCOMES, type Fulfiller, isFulfillerOutcome } from './fulfiller';
import { renderCancellation, type RenderOptions } from './render';
import { isJsonObject } from './request-fields';
import type { RequestLog } from './request-log';
import type { RouteResult } from './router';
import type { SimulatorStore } from './store';
import type { WebhookSender } from './webhook-sender';

/** Path prefix of the control routes; they need no auth and are never logged or faulted. */
export const CONTROL_PREFIX = '/__sim/';

/** What the control routes act on. */
export interface ControlDeps {
  requestLog: RequestLog;
  faults: FaultInjector;
  store: SimulatorStore;
  render: RenderOptions;
  fulfiller: Fulfiller;
  webhookSender: WebhookSender;
}

/**
 * Answers a control request:
 * - `GET /__sim/requests` → the request log (JSON array); `DELETE` clears it (204);
 * - `GET /__sim/faults` → armed faults; `POST` arms one fault or an array of them (201);
 *   `DELETE` disarms all (204);
 * - `POST /__sim/fulfiller/decide` `{cancellationId, outcome?}` decides a pending cancellation
 *   now (outcome `accept`, `partial`, `reject` or `random`; default as the fulfiller would)
 *   → 200 with the cancellation; 404 unknown, 409 `invalid_state` when already decided;
 * - `POST /__sim/webhook-secrets` `{secrets: string[]}` replaces the signing secrets (204);
 * - `GET /__sim/webhook-deliveries` → every delivery attempt (JSON array); `DELETE` clears it (204).
 *
 * @throws HttpError 400 for an invalid body, 404 for an unknown control path or object, 405 for a wrong method.
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
  if (route === '/__sim/fulfiller/decide') {
    if (method !== 'POST') throw methodNotAllowed(method, ['POST']);
    return decide(body, deps);
  }
  if (route === '/__sim/webhook-secrets') {
    if (method !== 'POST') throw methodNotAllowed(method, ['POST']);
    const sent = isJsonObject(body) ? body['secrets'] : undefined;
    const secrets = Array.isArray(sent) ? sent.filter((s: unknown): s is string => typeof s === 'string' && s !== '') : [];
    if (!Array.isArray(sent) || secrets.length !== sent.length) {
      throw invalidParameter('secrets', 'Send {"secrets": [...]}: an array of non-empty strings (an empty array means unsigned deliveries).');
    }
    deps.webhookSender.setSecrets(secrets);
    return { status: 204 };
  }
  if (route === '/__sim/webhook-deliveries') {
    if (method === 'GET') return { status: 200, body: deps.webhookSender.deliveries };
    if (method === 'DELETE') {
      deps.webhookSender.clearDeliveries();
      return { status: 204 };
    }
    throw methodNotAllowed(method, ['GET', 'DELETE']);
  }
  throw new HttpError(404, errorBody(404, 'not_found', `Unknown simulator control route ${path}`));
}

// Private: `POST /__sim/fulfiller/decide`.
function decide(body: unknown, deps: ControlDeps): RouteResult {
  const fields = isJsonObject(body) ? body : {};
  const id = fields['cancellationId'];
  if (typeof id !== 'string' || id === '') throw missingParameter('cancellationId');
  const outcome: unknown = fields['outcome'];
  if (outcome !== undefined && !isFulfillerOutcome(outcome)) {
    throw invalidParameter('outcome', `'outcome' must be one of ${FULFILLER_OUTCOMES.join(', ')}, got ${JSON.stringify(outcome)}.`);
  }
  const cancellation = deps.store.cancellations.get(id);
  if (cancellation === undefined) throw notFound('Fulfillment cancellation', id, 'cancellationId');
  if (cancellation.state !== 'pending') throw conflict('invalid_state', `Fulfillment cancellation '${id}' is already ${cancellation.state}.`, 'cancellationId');
  const decided = deps.fulfiller.decideNow(id, outcome);
  return { status: 200, body: renderCancellation(decided, deps.render) };
}

// Private: a 405 listing the methods the path supports.
function methodNotAllowed(method: string, allowed: string[]): HttpError {
  return new HttpError(405, errorBody(405, 'method_not_allowed', `Method ${method} is not allowed here.`), { allow: allowed.join(', ') });
}

// Private: JSON has no Infinity, so "until cleared" is sent as remaining: null.
function serialisable<T extends { remaining: number }>(fault: T): Omit<T, 'remaining'> & { remaining: number | null } {
  return { ...fault, remaining: Number.isFinite(fault.remaining) ? fault.remaining : null };
}
