// Moves an order and its items forward once its units are accounted for and its charges settle (§10.3, §10.8 steps 5–7).

import type { EventPublisher } from './event-publisher';
import type { SimulatorStore } from './store';
import { isoSeconds } from './time';
import type { OrderState, StoredOrder } from './wire-types';

/** How many units of one order item the order's fulfillments fulfilled and cancelled so far. */
export interface ItemUnits {
  fulfilled: number;
  cancelled: number;
}

/** Per order item id: the units its fulfillments fulfilled and cancelled. */
export function unitsDone(store: SimulatorStore, order: StoredOrder): Map<string, ItemUnits> {
  const done = new Map<string, ItemUnits>(order.items.map((item) => [item.id, { fulfilled: 0, cancelled: 0 }]));
  for (const fulfillment of store.fulfillmentsOfOrder(order.id)) {
    for (const line of fulfillment.items) {
      const units = done.get(line.itemId);
      if (units === undefined) continue;
      units.fulfilled += line.quantity;
      units.cancelled += line.cancelQuantity;
    }
  }
  return done;
}

/** Units of an order item that no fulfillment has fulfilled or cancelled yet. */
export function remainingUnits(store: SimulatorStore, order: StoredOrder, itemId: string): number {
  const item = order.items.find((i) => i.id === itemId);
  const units = unitsDone(store, order).get(itemId);
  if (item === undefined || units === undefined) return 0;
  return Math.max(0, item.quantity - units.fulfilled - units.cancelled);
}

/**
 * Sets the state of every `created` item whose units are all accounted for: `cancelled`
 * when every unit was cancelled, else `fulfilled` (§10.3). A partly fulfilled item stays
 * `created`, as §10.3 suggests. Item states are sub-resource changes: no event of their own.
 */
export function updateItemStates(store: SimulatorStore, order: StoredOrder, atMs: number): void {
  const done = unitsDone(store, order);
  for (const item of order.items) {
    const units = done.get(item.id);
    if (item.state !== 'created' || units === undefined || units.fulfilled + units.cancelled < item.quantity) continue;
    item.state = units.fulfilled === 0 ? 'cancelled' : 'fulfilled';
    item.stateTransitions[item.state] = isoSeconds(atMs);
    order.updatedTime = isoSeconds(atMs);
  }
}

/**
 * Applies the order-level transitions that are due, each with its event:
 * - `accepted` → `fulfilled` (`order.fulfilled`) once every unit is fulfilled or cancelled
 *   and at least one was fulfilled (§10.8 step 6);
 * - `accepted` → `cancelled` (`order.cancelled`) once every unit was cancelled and every
 *   charge is `cancelled` (the charges' own `order.charge.cancelled` events come first);
 * - `fulfilled` → `complete` (`order.complete`) once every charge is `complete` or
 *   `cancelled` with at least one `complete` (§10.8 step 7).
 *
 * Orders in any other state are left alone, so calling this again is harmless.
 */
export function advanceOrder(store: SimulatorStore, publisher: EventPublisher, order: StoredOrder, atMs: number = Date.now()): void {
  const charges = store.chargesOfOrder(order);
  if (order.state === 'accepted') {
    const done = unitsDone(store, order);
    const accounted = order.items.every((item) => {
      const units = done.get(item.id);
      return units !== undefined && units.fulfilled + units.cancelled >= item.quantity;
    });
    const anyFulfilled = [...done.values()].some((units) => units.fulfilled > 0);
    if (accounted && anyFulfilled) {
      transition(publisher, order, 'fulfilled', 'order.fulfilled', atMs);
    } else if (accounted && charges.length > 0 && charges.every((c) => c.state === 'cancelled')) {
      order.cancelReason ??= 'requested_by_customer';
      transition(publisher, order, 'cancelled', 'order.cancelled', atMs);
    }
  }
  if (order.state === 'fulfilled') {
    const settled = charges.length > 0 && charges.every((c) => c.state === 'complete' || c.state === 'cancelled');
    if (settled && charges.some((c) => c.state === 'complete')) transition(publisher, order, 'complete', 'order.complete', atMs);
  }
}

// Private: enters a state, records when, and publishes the event with the previous state.
function transition(publisher: EventPublisher, order: StoredOrder, state: OrderState, eventType: string, atMs: number): void {
  const previous = order.state;
  order.state = state;
  order.stateTransitions[state] = isoSeconds(atMs);
  order.updatedTime = isoSeconds(atMs);
  publisher.order(eventType, order, { state: previous });
}
