// The pub/sub topics and the one JSON-safe message every topic carries.

/** A webhook event as the gateway publishes it: JSON-safe, so Redis can carry it unchanged. */
export interface GatewayEventMessage {
  /** Upstream event id: unique, lets clients drop what they have seen, and resume after it (afterEventId). */
  eventId: string;
  /**
   * Where the replay log holds this message: every instance sees the same
   * positions, in the order subscribers receive the messages (compare them
   * with `comparePositions` of pubsub/replay-log).
   */
  position: string;
  /** Upstream event type, e.g. `fulfillment_cancellation.accepted`. */
  type: string;
  /** The event's `createdTime`, ISO-8601 UTC. */
  occurredAt: string;
  /** Order the event concerns, when known. */
  orderId: string | null;
  /** Customer owning that order, when known (for per-customer scoping). */
  customerId: string | null;
  /** Set for fulfillment cancellation events. */
  cancellation: {
    id: string;
    fulfillmentOrderId: string;
    /** State before this event: the event's previousAttributes, else the last state the gateway saw. */
    previousState: string | null;
    /** The cancellation as the event carried it: fresh for this event, primes the loaders. */
    object: unknown;
  } | null;
  /** Set for events about a fulfillment order (or a shipment of one). */
  fulfillmentOrderId: string | null;
  /** The order object when the event carried one (order.* events), to prime the loaders. */
  order: unknown;
}

/** A message as processing builds it, before the replay log gives it its position. */
export type UnpositionedMessage = Omit<GatewayEventMessage, 'position'>;

/** Topic names. Per-object topics carry the id after a colon, as graphql-yoga's `topic:id` routing does. */
export const Topic = {
  /** Every event about one order (orderUpdated). */
  order: (orderId: string): string => `order:${orderId}`,
  /** Cancellation events about one cancellation. */
  cancellation: (cancellationId: string): string => `cancellation:${cancellationId}`,
  /** Cancellation events of one fulfillment order. */
  fulfillmentOrderCancellations: (fulfillmentOrderId: string): string => `fo-cancellations:${fulfillmentOrderId}`,
  /** Cancellation events of one order. */
  orderCancellations: (orderId: string): string => `order-cancellations:${orderId}`,
  /** Cancellation events of one customer's orders. */
  customerCancellations: (customerId: string): string => `customer-cancellations:${customerId}`,
  /** Every cancellation event (admin, no argument). */
  allCancellations: (): string => 'cancellations',
} as const;

/** Every topic an event is published on. */
export function topicsOf(message: UnpositionedMessage): string[] {
  const topics: string[] = [];
  if (message.orderId !== null) topics.push(Topic.order(message.orderId));
  if (message.cancellation !== null) {
    topics.push(Topic.cancellation(message.cancellation.id));
    topics.push(Topic.fulfillmentOrderCancellations(message.cancellation.fulfillmentOrderId));
    if (message.orderId !== null) topics.push(Topic.orderCancellations(message.orderId));
    if (message.customerId !== null) topics.push(Topic.customerCancellations(message.customerId));
    topics.push(Topic.allCancellations());
  }
  return topics;
}
