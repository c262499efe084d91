// Reads what an event is about from its type and object: which object, its state, and the ids that link it to an order.
import type { UpstreamEvent } from './parse-event';

/** The object kinds whose events the gateway pushes. */
export type EventObjectKind = 'fulfillment_cancellation' | 'fulfillment_order' | 'fulfillment' | 'charge' | 'order';

/** What an event concerns, as far as the event itself says. */
export interface EventSubject {
  kind: EventObjectKind;
  /** The id of the object whose state the event reports (for ordering). */
  objectId: string;
  /** The object's state after the event, when it has one. */
  state: string | null;
  orderId: string | null;
  fulfillmentOrderId: string | null;
  customerId: string | null;
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null;

/**
 * Classifies an event, or returns `null` for a type the gateway does not use
 * (acknowledged and ignored). The object kind is read from the object's shape
 * where upstream's type prefix is unreliable (quirks 24, 25).
 */
export function classifyEvent(event: UpstreamEvent): EventSubject | null {
  const object = event.object;
  const id = text(object.id);
  const type = event.type;
  if (type.startsWith('fulfillment_cancellation.')) {
    if (id === null) return null;
    return {
      kind: 'fulfillment_cancellation',
      objectId: id,
      state: text(object.state),
      orderId: text(object.upstreamId),
      fulfillmentOrderId: text(object.fulfillmentOrderId),
      customerId: null,
    };
  }
  if (type.startsWith('fulfillment_order.')) {
    // fulfillment_order.shipped carries a shipment, not the fulfillment order (quirk 25).
    const isShipment = 'fulfillmentOrderUpstreamId' in object || ('fulfillmentOrderId' in object && !('state' in object));
    const fulfillmentOrderId = isShipment ? text(object.fulfillmentOrderId) : id;
    if (fulfillmentOrderId === null) return null;
    return {
      kind: 'fulfillment_order',
      objectId: fulfillmentOrderId,
      state: isShipment ? 'shipped' : text(object.state),
      orderId: isShipment ? text(object.fulfillmentOrderUpstreamId) : text(object.upstreamId),
      fulfillmentOrderId,
      customerId: null,
    };
  }
  if (type === 'fulfillment.created') {
    if (id === null) return null;
    return { kind: 'fulfillment', objectId: id, state: null, orderId: text(object.orderId), fulfillmentOrderId: null, customerId: null };
  }
  if (type.startsWith('order.')) {
    // order.charge.refund.failed and order.charge.reauth.failed carry the order (quirk 24).
    const isOrder = Array.isArray(object.items) || !type.startsWith('order.charge.');
    if (id === null) return null;
    if (isOrder && !Array.isArray(object.items) && text(object.orderId) !== null) {
      // order.invoice.created / order.credit_memo.created carry a file record that names its order.
      const orderId = text(object.orderId) as string;
      return { kind: 'order', objectId: orderId, state: null, orderId, fulfillmentOrderId: null, customerId: text(object.customerId) };
    }
    if (isOrder) {
      return { kind: 'order', objectId: id, state: text(object.state), orderId: id, fulfillmentOrderId: null, customerId: text(object.customerId) };
    }
    return { kind: 'charge', objectId: id, state: text(object.state), orderId: text(object.orderId), fulfillmentOrderId: null, customerId: null };
  }
  return null;
}
