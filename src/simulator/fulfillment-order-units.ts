// Moves units between a fulfillment order item's counts and derives item and order states from them (§10.6).

import { isoSeconds } from './time';
import type { FulfillmentOrder, FulfillmentOrderItem } from './wire-types';

/** Units of an item that are still open, i.e. could be shipped or cancelled: `pending + backordered`. */
export function openUnits(item: FulfillmentOrderItem): number {
  return item.pending + item.backordered;
}

/**
 * Moves up to `units` open units into `shipped` or `cancelled`, taking `pending`
 * units first and then `backordered` ones, so the counts keep summing to `quantity`.
 *
 * @returns how many units moved (fewer than asked when fewer are open).
 */
export function moveOpenUnits(item: FulfillmentOrderItem, units: number, to: 'shipped' | 'cancelled'): number {
  const fromPending = Math.min(item.pending, Math.max(0, units));
  const fromBackordered = Math.min(item.backordered, Math.max(0, units) - fromPending);
  item.pending -= fromPending;
  item.backordered -= fromBackordered;
  item[to] += fromPending + fromBackordered;
  return fromPending + fromBackordered;
}

/**
 * Derives each item's and the fulfillment order's state from the unit counts (§10.6):
 * an item is `cancelled` once every unit is, `shipped` once any unit shipped (or came
 * back), else `backordered` or `pending`; the order is `cancelled` when every item
 * is, `shipped` when any unit shipped, else `pending`. Sets `updatedTime`, never
 * earlier than `createdTime`.
 */
export function settleFulfillmentOrder(fo: FulfillmentOrder, updatedMs: number): void {
  for (const item of fo.items) {
    if (item.cancelled === item.quantity) item.state = 'cancelled';
    else if (item.shipped + item.returned > 0) item.state = 'shipped';
    else if (item.backordered > 0) item.state = 'backordered';
    else item.state = 'pending';
  }
  if (fo.items.every((item) => item.state === 'cancelled')) fo.state = 'cancelled';
  else if (fo.items.some((item) => item.shipped + item.returned > 0)) fo.state = 'shipped';
  else fo.state = 'pending';
  fo.updatedTime = isoSeconds(Math.max(Date.parse(fo.createdTime), updatedMs));
}
