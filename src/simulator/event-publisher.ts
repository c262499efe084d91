// Appends events whose data.object is a snapshot of a resource rendered exactly as the REST API renders it.

import { renderCancellation, renderFulfillmentWithDetails, renderOrder, type RenderOptions } from './render';
import type { SimulatorStore } from './store';
import type { Charge, FulfillmentOrder, SimEvent, StoredCancellation, StoredFulfillment, StoredOrder } from './wire-types';

/** The changed attributes with their previous values (§11.1). */
export type PreviousAttributes = Record<string, unknown>;

/**
 * One method per resource kind, so every live event carries the same shape a
 * `GET` of that resource returns at that moment (§11.4): the order with its
 * payment block, the full charge with `orderId`, the fulfillment with
 * `orderDetails`, the fulfillment order, the cancellation (`livemode`, date form
 * per option). Objects are deep copies: later changes never leak into old events.
 */
export class EventPublisher {
  constructor(
    private readonly store: SimulatorStore,
    private readonly render: RenderOptions,
  ) {}

  /** An `order.*` event carrying the order. */
  order(type: string, order: StoredOrder, previous?: PreviousAttributes): SimEvent {
    return this.append(type, renderOrder(this.store, order), previous);
  }

  /** An `order.charge.*` event carrying the full charge. */
  charge(type: string, charge: Charge, previous?: PreviousAttributes): SimEvent {
    return this.append(type, charge, previous);
  }

  /** `fulfillment.created`, carrying the fulfillment with `orderDetails` and `chargeOperationIds`. */
  fulfillmentCreated(fulfillment: StoredFulfillment): SimEvent {
    return this.append('fulfillment.created', renderFulfillmentWithDetails(this.store, fulfillment));
  }

  /** A `fulfillment_order.*` event carrying the fulfillment order (its id starts `evt_`). */
  fulfillmentOrder(type: string, fo: FulfillmentOrder, previous?: PreviousAttributes): SimEvent {
    return this.append(type, fo, previous);
  }

  /** A `fulfillment_cancellation.*` event carrying the cancellation. */
  cancellation(type: string, cancellation: StoredCancellation, previous?: PreviousAttributes): SimEvent {
    return this.append(type, renderCancellation(cancellation, this.render), previous);
  }

  // Private: appends a deep copy, so the event keeps the state of this moment.
  private append(type: string, object: unknown, previous?: PreviousAttributes): SimEvent {
    return this.store.appendEvent(type, structuredClone(object), previous === undefined ? undefined : structuredClone(previous));
  }
}
