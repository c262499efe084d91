// Turns stored objects into upstream's exact wire shapes: embedded vs full, order details, date forms.

import { toJavaOffsetDateTime } from './java-date';
import type { SimulatorStore } from './store';
import type {
  Charge,
  ChargeOperation,
  EmbeddedCharge,
  EmbeddedChargeOperation,
  EmbeddedSource,
  FulfillmentCancellation,
  Fulfillment,
  FulfillmentWithDetails,
  Order,
  OrderDetails,
  Source,
  SourceDetails,
  StoredCancellation,
  StoredFulfillment,
  StoredOrder,
} from './wire-types';

/** Rendering switches that come from the simulator options. */
export interface RenderOptions {
  /** Render every cancellation's `createdTime` as the Java date object (§14 #1). */
  javaDates: boolean;
}

/**
 * A charge as embedded in an order (§3.4, §14 #30): no `orderId`, `liveMode`,
 * `paymentSessionId` or `failureMessage`, and refunds without `id`.
 */
export function embedCharge(charge: Charge): EmbeddedCharge {
  const { orderId: _orderId, liveMode: _liveMode, paymentSessionId: _session, failureMessage: _message, captures, cancels, refunds, ...rest } = charge;
  return {
    ...rest,
    ...(captures !== undefined ? { captures: captures.map(embedOperation) } : {}),
    ...(cancels !== undefined ? { cancels: cancels.map(embedOperation) } : {}),
    ...(refunds !== undefined ? { refunds: refunds.map(({ id: _id, failureMessage: _message, ...refund }) => refund) } : {}),
  };
}

/** A source as embedded in an order: only `id`, `type`, `amount`, `owner` and its sub-object. */
export function embedSource(source: Source): EmbeddedSource {
  const embedded: EmbeddedSource = { id: source.id, type: source.type, amount: source.amount, owner: source.owner };
  copyDetails(embedded, source, source.type);
  return embedded;
}

/** An order as upstream sends it, with charges and sources embedded; `expand` adds product facts. */
export function renderOrder(store: SimulatorStore, order: StoredOrder, expand = false): Order {
  const charges = store.chargesOfOrder(order).map(embedCharge);
  const sources = store.sourcesOfOrder(order).map(embedSource);
  const items = expand
    ? order.items.map((item) => {
        const facts = store.products.get(item.skuId);
        return facts === undefined ? item : { ...item, productDetails: { ...item.productDetails, physical: facts.physical, metadata: facts.metadata } };
      })
    : order.items;
  return {
    ...order,
    items,
    // A pending push payment has no charge yet, and upstream then omits `charges` (§3.4).
    payment: { ...(charges.length > 0 ? { charges } : {}), sources, session: order.payment.session },
  };
}

/** `orderDetails`: the order without `payment` and, as upstream shows it, without `fraudState` (§14 #13). */
export function renderOrderDetails(order: StoredOrder): OrderDetails {
  const { payment: _payment, fraudState: _fraudState, ...details } = order;
  return details;
}

/** A fulfillment as listed: without `chargeOperationIds` and `orderDetails`. */
export function renderFulfillment(fulfillment: StoredFulfillment): Fulfillment {
  const { chargeOperationIds: _ops, ...rest } = fulfillment;
  return rest;
}

/** A fulfillment as `GET /fulfillments/{id}` sends it: with `chargeOperationIds` and `orderDetails`. */
export function renderFulfillmentWithDetails(store: SimulatorStore, fulfillment: StoredFulfillment): FulfillmentWithDetails | Fulfillment {
  const order = store.orders.get(fulfillment.orderId);
  if (order === undefined) return renderFulfillment(fulfillment);
  return { ...fulfillment, orderDetails: renderOrderDetails(order) };
}

/** A cancellation with `createdTime` as an ISO string, or the Java object when configured or pinned. */
export function renderCancellation(cancellation: StoredCancellation, options: RenderOptions): FulfillmentCancellation {
  const { alwaysJavaDate, createdTime, ...rest } = cancellation;
  const java = options.javaDates || alwaysJavaDate;
  return {
    id: rest.id,
    createdTime: java ? toJavaOffsetDateTime(createdTime) : createdTime,
    fulfillmentOrderId: rest.fulfillmentOrderId,
    ...(rest.upstreamId !== undefined ? { upstreamId: rest.upstreamId } : {}),
    items: rest.items,
    ...(rest.reason !== undefined ? { reason: rest.reason } : {}),
    state: rest.state,
    livemode: rest.livemode,
  };
}

// Private: an operation without its failure message, which only GET /charges/{id} shows.
function embedOperation(op: ChargeOperation): EmbeddedChargeOperation {
  const { failureMessage: _message, ...rest } = op;
  return rest;
}

// Private: copies the type-specific sub-object named by the source type.
function copyDetails<K extends keyof SourceDetails>(to: SourceDetails, from: SourceDetails, key: K): void {
  const details = from[key];
  if (details !== undefined) to[key] = details;
}
