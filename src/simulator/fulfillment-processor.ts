// Creates fulfillments, books their captures and cancels as pending, and settles them after a delay (§10.8).

import type { EventPublisher, PreviousAttributes } from './event-publisher';
import { moveOpenUnits, settleFulfillmentOrder } from './fulfillment-order-units';
import { toMajor, toMinor, unitsShareMinor } from './money';
import { advanceOrder, unitsDone, updateItemStates } from './order-progress';
import { applyOrderOperation, itemGrossMinor, orderMoney, settleChargeState } from './payment-ledger';
import type { Scheduler } from './scheduler';
import type { SimulatorStore } from './store';
import { isoSeconds } from './time';
import type { Charge, ChargeOperation, ChargeState, FulfillmentOrder, OrderItem, StoredFulfillment, StoredOrder } from './wire-types';

/** One line of a fulfillment to create: units of one order item to capture and/or cancel. */
export interface FulfillmentLineInput {
  item: OrderItem;
  quantity: number;
  cancelQuantity: number;
  shipmentItemId?: string;
}

/** A validated fulfillment: the order, its lines and the optional shipment data. */
export interface FulfillmentInput {
  order: StoredOrder;
  lines: readonly FulfillmentLineInput[];
  shipmentId?: string;
  trackingCompany?: string;
  trackingNumber?: string;
  trackingUrl?: string;
  metadata?: Record<string, string | number | boolean>;
  /**
   * Move the units between the fulfillment order's counts (`pending`/`backordered` →
   * `shipped` or `cancelled`). True for a client's `POST /fulfillments`; false for the
   * internal fulfillment after an accepted cancellation, which already moved them.
   */
  moveFulfillmentOrderUnits: boolean;
}

/** What the processor works with. */
export interface FulfillmentProcessorDeps {
  store: SimulatorStore;
  publisher: EventPublisher;
  scheduler: Scheduler;
  /** How long captures and cancels stay `pending` before they complete. */
  settleDelayMs: number;
}

// One charge operation a fulfillment booked, found again at settlement.
interface BookedOperation {
  chargeId: string;
  operationId: string;
  kind: 'capture' | 'cancel';
  itemId: string;
}

/**
 * Plays §10.8 for one fulfillment, whoever submits it (the client's `POST /fulfillments`
 * or upstream itself in the orchestrated model after an accepted cancellation):
 *
 * 1. now: the fulfillment is stored; its captures (for `quantity`) and cancels (for
 *    `cancelQuantity`) are booked `pending` on the charges; events `fulfillment.created`,
 *    then one `order.charge.capture.pending` per capture and one
 *    `order.charge.cancel.pending` per cancel; fulfillment order counts move (physical
 *    orders); item states follow; `order.fulfilled` when every unit is accounted for and
 *    at least one was fulfilled;
 * 2. after `settleDelayMs`: each operation completes (`order.charge.capture.complete` /
 *    `order.charge.cancel.complete`, `capturedAmount` / `cancelledAmount` grow); each
 *    charge that became `complete` or `cancelled` fires `order.charge.complete` /
 *    `order.charge.cancelled`; then `order.complete` or `order.cancelled` when due.
 *
 * Amounts: each line takes the cumulative per-unit share of its item's gross value
 * (line amount, tax, shipping), so an item's pieces always sum to its gross, and
 * `payment-ledger.ts` splits each piece over the charges in payment order.
 */
export class FulfillmentProcessor {
  constructor(private readonly deps: FulfillmentProcessorDeps) {}

  /**
   * Creates the fulfillment, books its operations and schedules their settlement.
   * The caller has validated the lines against what remains of each item.
   *
   * @throws RangeError when the operations exceed what is left on the charges (a caller bug).
   */
  submit(input: FulfillmentInput): StoredFulfillment {
    const { store, publisher, scheduler, settleDelayMs } = this.deps;
    const { order } = input;
    const nowMs = Date.now();
    const done = unitsDone(store, order);
    const fulfillment: StoredFulfillment = {
      id: store.ids.fulfillment(),
      createdTime: isoSeconds(nowMs),
      items: input.lines.map((line) => ({
        quantity: line.quantity,
        cancelQuantity: line.cancelQuantity,
        skuId: line.item.skuId,
        itemId: line.item.id,
        ...(line.shipmentItemId !== undefined ? { shipmentItemId: line.shipmentItemId } : {}),
      })),
      orderId: order.id,
      ...(input.shipmentId !== undefined ? { shipmentId: input.shipmentId } : {}),
      ...(input.trackingCompany !== undefined ? { trackingCompany: input.trackingCompany } : {}),
      ...(input.trackingNumber !== undefined ? { trackingNumber: input.trackingNumber } : {}),
      ...(input.trackingUrl !== undefined ? { trackingUrl: input.trackingUrl } : {}),
      ...(input.metadata !== undefined ? { metadata: input.metadata } : {}),
      liveMode: false,
      chargeOperationIds: [],
    };

    const charges = store.chargesOfOrder(order);
    const before = new Map(charges.map((c) => [c.id, { state: c.state, captures: structuredClone(c.captures ?? []), cancels: structuredClone(c.cancels ?? []) }]));
    const booked: BookedOperation[] = [];
    for (const line of input.lines) {
      const gross = itemGrossMinor(line.item, order.currency);
      const units = done.get(line.item.id);
      let fromUnit = (units?.fulfilled ?? 0) + (units?.cancelled ?? 0);
      for (const kind of ['capture', 'cancel'] as const) {
        const count = kind === 'capture' ? line.quantity : line.cancelQuantity;
        if (count <= 0) continue;
        const amountMinor = unitsShareMinor(gross, line.item.quantity, fromUnit, count);
        fromUnit += count;
        const operations = applyOrderOperation(
          charges,
          { kind, amountMinor, createdTime: isoSeconds(nowMs), state: 'pending', ...(kind === 'capture' ? { fulfillmentId: fulfillment.id } : {}) },
          store.ids,
        );
        for (const op of operations) {
          const charge = charges.find((c) => operationsOf(c, kind).some((o) => o.id === op.id));
          if (charge !== undefined) booked.push({ chargeId: charge.id, operationId: op.id, kind, itemId: line.item.id });
        }
      }
    }
    for (const charge of charges) settleChargeState(charge);
    fulfillment.chargeOperationIds = booked.map((b) => b.operationId);
    store.fulfillments.put(fulfillment);

    // §10.8 order: the fulfillment event first (its orderDetails may still show the order
    // before this fulfillment, quirk 32), then the pending operations, then the states.
    publisher.fulfillmentCreated(fulfillment);
    for (const op of booked) {
      const charge = store.charges.get(op.chargeId);
      const previous = before.get(op.chargeId);
      if (charge === undefined || previous === undefined) continue;
      const key = op.kind === 'capture' ? 'captures' : 'cancels';
      publisher.charge(`order.charge.${op.kind}.pending`, charge, {
        [key]: previous[key],
        ...(charge.state !== previous.state ? { state: previous.state } : {}),
      });
    }
    if (input.moveFulfillmentOrderUnits) moveFulfillmentOrderUnits(store, order, input.lines, nowMs);
    updateItemStates(store, order, nowMs);
    order.updatedTime = isoSeconds(nowMs);
    advanceOrder(store, publisher, order, nowMs);

    if (booked.length > 0) scheduler.after(settleDelayMs, () => this.settle(order.id, booked));
    return fulfillment;
  }

  // Private: completes the booked operations that are still pending, then moves charges and the order on.
  private settle(orderId: string, booked: readonly BookedOperation[]): void {
    const { store, publisher } = this.deps;
    const order = store.orders.get(orderId);
    if (order === undefined) return;
    const nowMs = Date.now();
    const stateBefore = new Map<string, ChargeState>();
    for (const b of booked) {
      const charge = store.charges.get(b.chargeId);
      const operation = charge === undefined ? undefined : operationsOf(charge, b.kind).find((o) => o.id === b.operationId);
      if (charge === undefined || operation === undefined || operation.state !== 'pending') continue;
      if (!stateBefore.has(charge.id)) stateBefore.set(charge.id, charge.state);
      const key = b.kind === 'capture' ? 'captures' : 'cancels';
      const previous: PreviousAttributes = { [key]: structuredClone(operationsOf(charge, b.kind)) };
      const previousState = charge.state;
      operation.state = 'complete';
      operation.updatedTime = isoSeconds(nowMs);
      if (b.kind === 'capture') addRefundable(order, b.itemId, operation.amount);
      settleChargeState(charge);
      if (charge.state !== previousState) previous['state'] = previousState;
      Object.assign(order, orderMoney(store.chargesOfOrder(order), order.currency));
      order.updatedTime = isoSeconds(nowMs);
      publisher.charge(`order.charge.${b.kind}.complete`, charge, previous);
    }
    for (const [chargeId, previousState] of stateBefore) {
      const charge = store.charges.get(chargeId);
      if (charge === undefined || charge.state === previousState) continue;
      if (charge.state === 'complete' || charge.state === 'cancelled') publisher.charge(`order.charge.${charge.state}`, charge, { state: previousState });
    }
    advanceOrder(store, publisher, order, nowMs);
  }
}

// Private: a charge's captures or cancels (empty when it has none).
function operationsOf(charge: Charge, kind: 'capture' | 'cancel'): ChargeOperation[] {
  return (kind === 'capture' ? charge.captures : charge.cancels) ?? [];
}

// Private: a completed capture makes its amount refundable on the item it paid for.
function addRefundable(order: StoredOrder, itemId: string, amount: number): void {
  const item = order.items.find((i) => i.id === itemId);
  if (item === undefined) return;
  item.availableToRefundAmount = toMajor(toMinor(item.availableToRefundAmount, order.currency) + toMinor(amount, order.currency), order.currency);
}

// Private: moves fulfilled units to `shipped` and cancelled ones to `cancelled` on the order's fulfillment orders.
function moveFulfillmentOrderUnits(store: SimulatorStore, order: StoredOrder, lines: readonly FulfillmentLineInput[], nowMs: number): void {
  const touched = new Set<FulfillmentOrder>();
  const fos = store.fulfillmentOrdersOfOrder(order.id);
  for (const line of lines) {
    for (const fo of fos) {
      const foItem = fo.items.find((i) => i.upstreamId === line.item.id);
      if (foItem === undefined) continue;
      moveOpenUnits(foItem, line.quantity, 'shipped');
      moveOpenUnits(foItem, line.cancelQuantity, 'cancelled');
      touched.add(fo);
    }
  }
  for (const fo of touched) settleFulfillmentOrder(fo, nowMs);
}
