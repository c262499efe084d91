// What the subscription benchmark subscribes to, shared by the client child and the report.

/** The subscription every subscriber opens: one order's events, without the order graph (no upstream call per push). */
export const ORDER_UPDATED = 'subscription OrderUpdated($id: ID!) { orderUpdated(id: $id) { eventId type orderId occurredAt } }';

/** The subscription of the intake benchmark: one cancellation's events, from the event's own copy (no upstream call per push). */
export const CANCELLATION_UPDATED = 'subscription CancellationUpdated($id: ID) { fulfillmentCancellationUpdated(id: $id) { eventId type fulfillmentCancellation { id state } } }';

/**
 * How the demo orders are used: the first order takes the fan-out
 * subscribers, the next `probes` orders one probe subscriber each, the next
 * `idleOrders` the background subscribers (round robin; they get no events).
 */
export const LAYOUT = { probes: 200, idleOrders: 500 } as const;

/** Orders the simulator must seed for {@link LAYOUT}. */
export const ORDERS_NEEDED = 1 + LAYOUT.probes + LAYOUT.idleOrders;
