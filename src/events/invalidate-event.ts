// The receiver's invalidation step: before an event is acknowledged, the shared cache forgets every cached answer the event could have changed.
import type { Logger } from '../logger';
import { type CacheScope, type SharedCache, fulfillmentOrderScope, orderScope, sourceScope } from '../upstream/shared-cache';
import { type EventSubject, classifyEvent } from './classify-event';
import type { Ownership } from './ownership';
import type { UpstreamEvent } from './parse-event';

/** What {@link createEventInvalidation} needs. */
export interface EventInvalidationDependencies {
  cache: Pick<SharedCache, 'enabled' | 'invalidate'>;
  /** Finds the order of a fulfillment order when an event does not name it (memoised: the link never changes). */
  ownership: Ownership;
  logger: Logger;
  /** Longest wait for that lookup, in ms; the webhook must be answered within 3 s. Defaults to 1_000. */
  lookupTimeoutMs?: number;
}

/**
 * Creates the step the receiver runs once an event is known to be new and
 * before it is recorded and answered 202 (so before any subscriber is told).
 * It resolves once the invalidation is visible to every instance; it rejects
 * when it could not be made (Redis away), and the receiver then answers 503
 * so that upstream delivers the event again.
 *
 * An event about a fulfillment order or a cancellation that does not name its
 * order has the order looked up (one upstream call the first time, bounded by
 * `lookupTimeoutMs`); when that fails the fulfillment order's scope still
 * reaches the fulfillment order, its cancellations and its order's list of
 * fulfillment orders, and the order's own entries keep their TTL bound.
 */
export function createEventInvalidation({ cache, ownership, logger, lookupTimeoutMs = 1_000 }: EventInvalidationDependencies): (event: UpstreamEvent) => Promise<void> {
  return async (event) => {
    // Nothing is cached with CACHE_TTL_SECONDS=0: no lookup, no delay before the answer.
    if (!cache.enabled) return;
    const subject = classifyEvent(event);
    let orderId = subject?.orderId ?? null;
    if (subject !== null && orderId === null && subject.fulfillmentOrderId !== null) {
      orderId = await lookUpOrder(ownership, subject.fulfillmentOrderId, event.id, lookupTimeoutMs).catch((error: unknown) => {
        logger.warn({ eventId: event.id, fulfillmentOrderId: subject.fulfillmentOrderId, err: error instanceof Error ? error.message : String(error) },
          'order of the event unknown: its fulfillment order\'s cached entries are invalidated, the order\'s own keep their TTL');
        return null;
      });
    }
    const scopes = scopesOfEvent(event, subject, orderId);
    if (scopes.length > 0) await cache.invalidate(scopes, 'webhook');
  };
}

/**
 * The scopes an event invalidates: its order's (`orderId`, as the event names
 * it or as looked up), its fulfillment order's, and the payment sources it
 * names. For a type the gateway does not use, whatever order id the object
 * names (`orderId`, `upstreamId`), and a source event's source: such events
 * are acknowledged and otherwise ignored, but may still report a change.
 */
export function scopesOfEvent(event: UpstreamEvent, subject: EventSubject | null, orderId: string | null): CacheScope[] {
  const { object } = event;
  const scopes = new Set<CacheScope>();
  if (orderId !== null) scopes.add(orderScope(orderId));
  if (subject === null) {
    for (const field of ['orderId', 'upstreamId'] as const) {
      const named = text(object[field]);
      if (named !== null) scopes.add(orderScope(named));
    }
    const id = text(object.id);
    if (event.type.startsWith('source.') && id !== null) scopes.add(sourceScope(id));
    return [...scopes];
  }
  if (subject.fulfillmentOrderId !== null) scopes.add(fulfillmentOrderScope(subject.fulfillmentOrderId));
  // A charge names its source; an order embeds its sources.
  const sourceId = text(object.sourceId);
  if (sourceId !== null) scopes.add(sourceScope(sourceId));
  const payment = object.payment;
  if (typeof payment === 'object' && payment !== null && 'sources' in payment && Array.isArray(payment.sources)) {
    for (const source of payment.sources as unknown[]) {
      const id = typeof source === 'object' && source !== null && 'id' in source ? text(source.id) : null;
      if (id !== null) scopes.add(sourceScope(id));
    }
  }
  return [...scopes];
}

// Private: the order of a fulfillment order, or a rejection after `timeoutMs`.
function lookUpOrder(ownership: Ownership, fulfillmentOrderId: string, eventId: string, timeoutMs: number): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([ownership.orderOfFulfillmentOrder(fulfillmentOrderId, { requestId: `webhook:${eventId}` }), timeout])
    .finally(() => clearTimeout(timer));
}

// Private: a non-empty string or a number as text, else null.
function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null;
}
