// Decides what one webhook delivery means: signature check over the raw bytes, parse, de-dup, cache invalidation, record in the queue. Knows no HTTP.
import type { EventLog } from './event-log';
import type { EventQueue } from './event-queue';
import { parseEvent, type UpstreamEvent } from './parse-event';
import { type SignatureVerdict, verifySignature } from './signature';

/** Why a signature was refused. */
export type SignatureFailure = Extract<SignatureVerdict, { ok: false }>['reason'];

/**
 * What the receiver made of one delivery. The transport turns each kind into
 * its answer (the status table of the runtime contract).
 */
export type ReceiptOutcome =
  | { kind: 'accepted'; event: UpstreamEvent }
  | { kind: 'duplicate'; eventId: string }
  | { kind: 'bad-request'; message: string }
  | { kind: 'unauthorized'; reason: SignatureFailure }
  | { kind: 'unavailable'; reason: string };

/**
 * A delivery's headers as the transport received them, names lower-cased
 * (node:http's `request.headers` fits as it is).
 */
export type DeliveryHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

/** What the receiver needs. */
export interface ReceiverDependencies {
  secrets: readonly string[];
  toleranceSeconds: number;
  eventLog: EventLog;
  /** Where an accepted event is recorded before it is answered. */
  queue: EventQueue;
  /**
   * Makes the shared cache forget what the event concerns, in every instance
   * (`invalidate-event.ts`); rejects when it cannot. Absent: nothing is cached.
   */
  invalidate?: ((event: UpstreamEvent) => Promise<void>) | undefined;
}

/**
 * Decides the outcome of one delivery from its raw body bytes (the signature
 * covers them exactly) and headers. A new event is `accepted` only once every
 * cached copy of what it concerns is invalidated and it is recorded in the
 * queue, in that order: a read that starts after the 202, and every push of
 * the event, reads past the cache. When the de-dup store, the cache or the
 * queue cannot be reached (Redis away) the outcome is `unavailable`, so
 * upstream delivers again later. Never throws for anything the delivery
 * contains.
 */
export async function receiveWebhook(rawBody: Buffer, headers: DeliveryHeaders, deps: ReceiverDependencies): Promise<ReceiptOutcome> {
  const header = headers['digitalriver-signature'];
  const signatureHeader = typeof header === 'string' || header === undefined ? header : header.join(',');
  const verdict = verifySignature(signatureHeader, rawBody, { secrets: deps.secrets, toleranceSeconds: deps.toleranceSeconds });
  if (!verdict.ok) return { kind: 'unauthorized', reason: verdict.reason };
  const parsed = parseEvent(rawBody);
  if (!parsed.ok) return { kind: 'bad-request', message: parsed.message };
  let isNew: boolean;
  try {
    isNew = await deps.eventLog.recordIfNew(parsed.event.id);
  } catch (error) {
    return { kind: 'unavailable', reason: error instanceof Error ? error.message : String(error) };
  }
  if (!isNew) return { kind: 'duplicate', eventId: parsed.event.id };
  try {
    await deps.invalidate?.(parsed.event);
    await deps.queue.enqueue(parsed.event);
  } catch (error) {
    // Not invalidated or not recorded: forget the id so the redelivery is not taken for a duplicate.
    await deps.eventLog.forget(parsed.event.id).catch(() => undefined);
    return { kind: 'unavailable', reason: error instanceof Error ? error.message : String(error) };
  }
  return { kind: 'accepted', event: parsed.event };
}
