// What happens to an accepted webhook event after it was acknowledged: link it to its order, apply the ordering guard, publish.
import type { Logger } from '../logger';
import type { ReplayLog } from '../pubsub/replay-log';
import { type UnpositionedMessage, topicsOf } from '../pubsub/topics';
import { classifyEvent } from './classify-event';
import type { ObjectStateStore } from './object-state-store';
import type { Ownership } from './ownership';
import { type UpstreamEvent, toEpochMicros } from './parse-event';

/** What became of one event; a discriminated union so every outcome is handled. */
export type ProcessOutcome =
  | { kind: 'published'; topics: number }
  | { kind: 'stale' }
  | { kind: 'duplicate' }
  | { kind: 'ignored' };

/** What {@link processEvent} needs. */
export interface ProcessDependencies {
  /** Records each message for resuming subscribers and publishes it. */
  replay: ReplayLog;
  states: ObjectStateStore;
  ownership: Ownership;
  logger: Logger;
}

/**
 * Processes one event: ignored when the gateway does not use its type; stale
 * (not pushed) when a newer event about the same object was already applied;
 * otherwise recorded in the replay log and published on every topic it
 * concerns (once per event id, whichever attempt or instance gets there).
 * Ownership links are looked up before the ordering decision, so publishing
 * follows decisions in order.
 */
export async function processEvent(event: UpstreamEvent, deps: ProcessDependencies, attempt = 1): Promise<ProcessOutcome> {
  const subject = classifyEvent(event);
  if (subject === null) return { kind: 'ignored' };
  const context = { requestId: `webhook:${event.id}` };

  let orderId = subject.orderId;
  if (orderId === null && subject.fulfillmentOrderId !== null) {
    orderId = await deps.ownership.orderOfFulfillmentOrder(subject.fulfillmentOrderId, context);
  }
  let customerId = subject.customerId;
  if (orderId !== null) {
    if (subject.kind === 'order') deps.ownership.rememberCustomer(orderId, customerId);
    else customerId = await deps.ownership.customerOfOrder(orderId, context);
  }

  const decision = await deps.states.apply(`${subject.kind}:${subject.objectId}`, toEpochMicros(event.createdTime), subject.state, event.id);
  // Already applied: by another instance that took over (not pushed twice), or
  // by this processing's own earlier attempt whose publish failed (pushed now).
  if (decision.duplicate && attempt === 1) return { kind: 'duplicate' };
  if (!decision.apply && !decision.duplicate) return { kind: 'stale' };

  const previousFromEvent = event.previousAttributes.state;
  const message: UnpositionedMessage = {
    eventId: event.id,
    type: event.type,
    occurredAt: new Date(Date.parse(event.createdTime)).toISOString(),
    orderId,
    customerId,
    fulfillmentOrderId: subject.fulfillmentOrderId,
    cancellation: subject.kind === 'fulfillment_cancellation' && subject.fulfillmentOrderId !== null
      ? {
        id: subject.objectId,
        fulfillmentOrderId: subject.fulfillmentOrderId,
        previousState: typeof previousFromEvent === 'string' ? previousFromEvent : decision.previousState,
        object: event.object,
      }
      : null,
    order: subject.kind === 'order' && Array.isArray(event.object.items) ? event.object : null,
  };
  const topics = topicsOf(message);
  const receipt = await deps.replay.publish(topics, message);
  return receipt.published ? { kind: 'published', topics: topics.length } : { kind: 'duplicate' };
}
