// HTTP adapter of events/receiver for POST /webhooks/digitalriver: 1 MiB cap, raw body, status codes.
import type { IncomingMessage, ServerResponse } from 'node:http';

import { type ReceiptOutcome, type ReceiverDependencies, type SignatureFailure, receiveWebhook } from '../events/receiver';
import type { Logger } from '../logger';
import { BodyTooLargeError, MAX_BODY_BYTES, readBody } from './read-body';

/** Every answer to a delivery: the receiver's outcomes, and the body refused for its size before the receiver saw it. */
export type WebhookOutcome = ReceiptOutcome | { kind: 'too-large' };

/** What the handler needs: the receiver's dependencies, a logger, and an observer. */
export interface WebhookHandlerDependencies extends ReceiverDependencies {
  logger: Logger;
  /** Observes every outcome (metrics, tests). */
  onOutcome?: (outcome: WebhookOutcome) => void;
}

/** The runtime contract's status table. */
const STATUS: Record<WebhookOutcome['kind'], number> = {
  accepted: 202,
  duplicate: 200,
  'bad-request': 400,
  unauthorized: 401,
  'too-large': 413,
  unavailable: 503,
};

const REASONS: Record<SignatureFailure, string> = {
  missing: 'missing DigitalRiver-Signature header',
  malformed: 'DigitalRiver-Signature must look like t=<unix seconds>,v0=<hex sha256>',
  expired: 'signature timestamp is outside the tolerance',
  mismatch: 'signature does not match any configured secret',
  'no-secret': 'no webhook signing secret is configured (DR_WEBHOOK_SECRET)',
};

/**
 * Handles `POST /webhooks/digitalriver`: answers as soon as the receiver has
 * recorded the event; processing happens after. Rejects only on a failure of
 * the request stream itself (the router answers 500 then).
 */
export async function handleWebhook(request: IncomingMessage, response: ServerResponse, deps: WebhookHandlerDependencies): Promise<void> {
  let outcome: WebhookOutcome;
  try {
    outcome = await receiveWebhook(await readBody(request, MAX_BODY_BYTES), request.headers, deps);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    outcome = { kind: 'too-large' };
  }
  deps.onOutcome?.(outcome);
  response.statusCode = STATUS[outcome.kind];
  response.setHeader('content-type', 'application/json; charset=utf-8');
  switch (outcome.kind) {
    case 'accepted':
      response.end(JSON.stringify({ received: true, id: outcome.event.id }));
      break;
    case 'duplicate':
      // Upstream retries are normal; a run of these after a restart means ids repeat (the event id says which).
      deps.logger.info({ eventId: outcome.eventId }, 'webhook event already received: answered 200, not pushed again');
      response.end(JSON.stringify({ received: true, duplicate: true, id: outcome.eventId }));
      break;
    case 'bad-request':
      response.end(JSON.stringify({ error: outcome.message }));
      break;
    case 'unauthorized':
      deps.logger.warn({ reason: outcome.reason }, 'webhook refused: bad signature');
      response.end(JSON.stringify({ error: REASONS[outcome.reason] }));
      break;
    case 'too-large':
      response.end(JSON.stringify({ error: `body is larger than ${MAX_BODY_BYTES} bytes` }));
      break;
    case 'unavailable':
      deps.logger.warn({ reason: outcome.reason }, 'webhook refused with 503: shared state unreachable');
      response.setHeader('retry-after', '5');
      response.end(JSON.stringify({ error: 'temporarily unavailable; deliver again later' }));
      break;
    default: {
      const unreachable: never = outcome;
      throw new Error(`unhandled webhook outcome ${JSON.stringify(unreachable)}`);
    }
  }
}
