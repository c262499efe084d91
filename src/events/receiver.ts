// The webhook receiver's HTTP adapter: 1 MiB cap, raw-body signature check, parse, de-dup, record in the queue, answer.
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { Logger } from '../logger';
import { BodyTooLargeError, MAX_BODY_BYTES, readBody } from '../http/read-body';
import type { EventLog } from './event-log';
import type { EventQueue } from './event-queue';
import { parseEvent, type UpstreamEvent } from './parse-event';
import { verifySignature } from './signature';

/** How a delivery was answered; the status table of the runtime contract. */
export type ReceiptOutcome =
  | { status: 202; kind: 'accepted'; event: UpstreamEvent }
  | { status: 200; kind: 'duplicate'; eventId: string }
  | { status: 400; kind: 'bad-request'; message: string }
  | { status: 401; kind: 'unauthorized'; reason: string }
  | { status: 413; kind: 'too-large' }
  | { status: 503; kind: 'unavailable'; reason: string };

/** What the receiver needs. */
export interface ReceiverDependencies {
  secrets: readonly string[];
  toleranceSeconds: number;
  eventLog: EventLog;
  /** Where an accepted event is recorded before the 202. */
  queue: EventQueue;
  logger: Logger;
  /** Observes every outcome (metrics, tests). */
  onOutcome?: (outcome: ReceiptOutcome) => void;
}

/**
 * Decides the answer to one delivery. A new event is answered 202 only once
 * it is recorded in the queue; when the de-dup store or the queue cannot be
 * reached (Redis away) the answer is 503, so upstream delivers again later.
 */
export async function receiveWebhook(
  signatureHeader: string | undefined,
  rawBody: Buffer,
  deps: Pick<ReceiverDependencies, 'secrets' | 'toleranceSeconds' | 'eventLog' | 'queue'>,
): Promise<ReceiptOutcome> {
  const verdict = verifySignature(signatureHeader, rawBody, { secrets: deps.secrets, toleranceSeconds: deps.toleranceSeconds });
  if (!verdict.ok) return { status: 401, kind: 'unauthorized', reason: verdict.reason };
  const parsed = parseEvent(rawBody);
  if (!parsed.ok) return { status: 400, kind: 'bad-request', message: parsed.message };
  let isNew: boolean;
  try {
    isNew = await deps.eventLog.recordIfNew(parsed.event.id);
  } catch (error) {
    return { status: 503, kind: 'unavailable', reason: error instanceof Error ? error.message : String(error) };
  }
  if (!isNew) return { status: 200, kind: 'duplicate', eventId: parsed.event.id };
  try {
    await deps.queue.enqueue(parsed.event);
  } catch (error) {
    // Not recorded: forget the id so the redelivery is not taken for a duplicate.
    await deps.eventLog.forget(parsed.event.id).catch(() => undefined);
    return { status: 503, kind: 'unavailable', reason: error instanceof Error ? error.message : String(error) };
  }
  return { status: 202, kind: 'accepted', event: parsed.event };
}

const REASONS: Record<string, string> = {
  missing: 'missing DigitalRiver-Signature header',
  malformed: 'DigitalRiver-Signature must look like t=<unix seconds>,v0=<hex sha256>',
  expired: 'signature timestamp is outside the tolerance',
  mismatch: 'signature does not match any configured secret',
  'no-secret': 'no webhook signing secret is configured (DR_WEBHOOK_SECRET)',
};

/** Handles `POST /webhooks/digitalriver`: answers first, processes after. */
export async function handleWebhook(request: IncomingMessage, response: ServerResponse, deps: ReceiverDependencies): Promise<void> {
  let outcome: ReceiptOutcome;
  try {
    const rawBody = await readBody(request, MAX_BODY_BYTES);
    const header = request.headers['digitalriver-signature'];
    outcome = await receiveWebhook(Array.isArray(header) ? header.join(',') : header, rawBody, deps);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    outcome = { status: 413, kind: 'too-large' };
  }
  deps.onOutcome?.(outcome);
  response.statusCode = outcome.status;
  response.setHeader('content-type', 'application/json; charset=utf-8');
  switch (outcome.kind) {
    case 'accepted':
      response.end(JSON.stringify({ received: true, id: outcome.event.id }));
      break;
    case 'duplicate':
      response.end(JSON.stringify({ received: true, duplicate: true, id: outcome.eventId }));
      break;
    case 'bad-request':
      response.end(JSON.stringify({ error: outcome.message }));
      break;
    case 'unauthorized':
      deps.logger.warn({ reason: outcome.reason }, 'webhook refused: bad signature');
      response.end(JSON.stringify({ error: REASONS[outcome.reason] ?? 'unauthorized' }));
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
      throw new Error(`unhandled receipt outcome ${JSON.stringify(unreachable)}`);
    }
  }
}
