// Gives an accepted seeded order its later history: unit plan, fulfillment orders, cancellations, fulfillments, final states.

import { applyRefund } from './payment-ledger';
import { toMinor } from './money';
import type { Prng } from './prng';
import type { OrderDraft, SeedContext } from './seed-context';
import { addCancellation, addFulfillment, addFulfillmentOrder, type FulfillmentLine } from './seed-flow';
import { settleFulfillmentOrder } from './fulfillment-order-units';
import type { OrderPlan } from './seed-order';
import { DAY, HOUR, isoSeconds, MINUTE } from './time';
import type { ChargeOperationState, FulfillmentOrder, OrderItem, OrderState } from './wire-types';

/** What happens to the units of one order item; the first five categories sum to its quantity. */
export interface UnitPlan {
  shipped: number;
  cancelled: number;
  pending: number;
  backordered: number;
  /** Of the shipped units, how many came back (returned orders). */
  returned: number;
  /** Units of a cancellation request the fulfiller rejected. */
  rejected: number;
  /** Units requested on top of `cancelled` in a partly accepted cancellation. */
  partialExtra: number;
  /** Units of a still-pending cancellation request; never more than pending + backordered. */
  pendingRequest: number;
}

/**
 * Plays out an accepted order's life up to its planned state. Orders that never
 * reached `accepted` (pending payment, in review, blocked, unpaid) are left alone.
 */
export function addOrderHistory(ctx: SeedContext, draft: OrderDraft, plan: OrderPlan): void {
  if (draft.acceptedMs === undefined) return;
  const physical = draft.order.shipTo !== undefined;
  const units = planUnits(ctx.rng, plan.state, draft.order.items, physical);
  if (physical) physicalHistory(ctx, draft, plan.state, units, draft.acceptedMs);
  else digitalHistory(ctx, draft, plan.state, units, draft.acceptedMs);
  finishOrder(ctx, draft, plan.state, units);
}

/**
 * Decides each item's units for the target state: an `accepted` order keeps at least
 * one open unit; fulfilled and later states have none and at least one shipped unit;
 * a cancelled order has every unit cancelled.
 */
export function planUnits(rng: Prng, state: OrderState, items: readonly OrderItem[], physical: boolean): UnitPlan[] {
  const plans = items.map((item): UnitPlan => {
    const q = item.quantity;
    const p: UnitPlan = { shipped: 0, cancelled: 0, pending: 0, backordered: 0, returned: 0, rejected: 0, partialExtra: 0, pendingRequest: 0 };
    if (state === 'cancelled') p.cancelled = q;
    else if (state === 'accepted') {
      if (physical) {
        p.shipped = rng.chance(0.35) ? rng.int(0, q) : 0;
        p.cancelled = q - p.shipped >= 1 && rng.chance(0.2) ? rng.int(1, q - p.shipped) : 0;
      }
    } else {
      p.cancelled = physical && rng.chance(0.12) ? rng.int(1, q) : 0;
      p.shipped = q - p.cancelled;
    }
    return p;
  });
  const first = plans[0];
  const firstItem = items[0];
  if (first !== undefined && firstItem !== undefined) {
    if (state === 'accepted' && physical && plans.every((p, i) => p.shipped + p.cancelled === items[i]?.quantity)) {
      if (first.shipped > 0) first.shipped -= 1;
      else first.cancelled -= 1;
    } else if (state !== 'accepted' && state !== 'cancelled' && plans.every((p) => p.shipped === 0)) {
      first.cancelled = 0;
      first.shipped = firstItem.quantity;
    }
  }
  plans.forEach((p, i) => {
    const q = items[i]?.quantity ?? 0;
    const open = q - p.shipped - p.cancelled;
    p.backordered = physical && open > 0 && rng.chance(0.25) ? rng.int(1, open) : 0;
    p.pending = open - p.backordered;
    if (state === 'returned') p.returned = p.shipped;
    if (physical && p.cancelled > 0 && q - p.cancelled > 0 && rng.chance(0.3)) p.partialExtra = rng.int(1, q - p.cancelled);
    if (physical && state === 'accepted' && open > 0 && rng.chance(0.35)) p.pendingRequest = rng.int(1, open);
  });
  if (physical && state !== 'cancelled' && rng.chance(0.15)) {
    const candidates = plans.filter((p, i) => (items[i]?.quantity ?? 0) - p.cancelled >= 1);
    const victim = candidates.length > 0 ? rng.pick(candidates) : undefined;
    if (victim !== undefined) victim.rejected = rng.int(1, (items[plans.indexOf(victim)]?.quantity ?? 1) - victim.cancelled);
  }
  return plans;
}

// A shipment or a payment cancel to book, in time order across fulfillment orders.
interface Action {
  atMs: number;
  kind: 'ship' | 'cancel';
  fo: FulfillmentOrder;
  lines: FulfillmentLine[];
}

// Private: fulfillment orders, cancellations and shipments of a physical order.
function physicalHistory(ctx: SeedContext, draft: OrderDraft, state: OrderState, units: readonly UnitPlan[], acceptedMs: number): void {
  const { rng } = ctx;
  const items = draft.order.items;
  const half = Math.ceil(items.length / 2);
  const groups = items.length >= 2 && rng.chance(0.15) ? [items.slice(0, half), items.slice(half)] : [items];
  if (groups.length > 1) ctx.store.facts.splitFulfillmentOrderIds.push(draft.order.id);
  const actions: Action[] = [];
  const fos: FulfillmentOrder[] = [];

  groups.forEach((group, gi) => {
    const foMs = acceptedMs + rng.int(1, 3) * MINUTE + gi * 2 * MINUTE;
    const fo = addFulfillmentOrder(ctx, draft, group, foMs);
    fos.push(fo);
    const pairs = group.flatMap((item) => {
      const foItem = fo.items.find((f) => f.upstreamId === item.id);
      const unit = units[items.indexOf(item)];
      return foItem === undefined || unit === undefined ? [] : [{ item, foItem, unit }];
    });
    const upstream = (): { withUpstreamId: boolean } => ({ withUpstreamId: rng.chance(0.95) });
    let lastDecisionMs = foMs;

    const accepted = pairs.filter((p) => p.unit.cancelled > 0);
    if (accepted.length > 0) {
      const at = foMs + rng.int(10, 20 * 60) * MINUTE;
      const decidedMs = at + rng.int(5, 180) * MINUTE;
      const lines = accepted.map((p) => ({ foItem: p.foItem, quantity: p.unit.cancelled + p.unit.partialExtra, quantityAccepted: p.unit.cancelled }));
      addCancellation(ctx, draft, fo, lines, 'accepted', at, { ...upstream(), decidedMs });
      // Orchestrated model: upstream itself submits the payment cancel after acceptance (§10.9).
      actions.push({ atMs: decidedMs + MINUTE, kind: 'cancel', fo, lines: accepted.map((p) => ({ item: p.item, quantity: 0, cancelQuantity: p.unit.cancelled })) });
      lastDecisionMs = decidedMs + MINUTE;
    }
    const rejected = pairs.filter((p) => p.unit.rejected > 0);
    if (rejected.length > 0) {
      const at = foMs + rng.int(10, 20 * 60) * MINUTE;
      const decidedMs = at + rng.int(5, 180) * MINUTE;
      addCancellation(ctx, draft, fo, rejected.map((p) => ({ foItem: p.foItem, quantity: p.unit.rejected, quantityAccepted: 0 })), 'rejected', at, { ...upstream(), decidedMs });
      lastDecisionMs = Math.max(lastDecisionMs, decidedMs);
    }
    const shipping = pairs.filter((p) => p.unit.shipped > 0);
    if (shipping.length > 0) {
      const firstShipMs = Math.max(foMs + rng.int(24, 72) * HOUR, lastDecisionMs + HOUR);
      if (shipping.some((p) => p.unit.shipped >= 2) && rng.chance(0.3)) {
        actions.push({ atMs: firstShipMs, kind: 'ship', fo, lines: shipping.map((p) => ({ item: p.item, quantity: Math.ceil(p.unit.shipped / 2), cancelQuantity: 0 })) });
        const rest = shipping.filter((p) => p.unit.shipped >= 2);
        actions.push({ atMs: firstShipMs + rng.int(1, 4) * DAY, kind: 'ship', fo, lines: rest.map((p) => ({ item: p.item, quantity: Math.floor(p.unit.shipped / 2), cancelQuantity: 0 })) });
      } else {
        actions.push({ atMs: firstShipMs, kind: 'ship', fo, lines: shipping.map((p) => ({ item: p.item, quantity: p.unit.shipped, cancelQuantity: 0 })) });
      }
    }
    const pendingRequests = pairs.filter((p) => p.unit.pendingRequest > 0);
    if (pendingRequests.length > 0) {
      const at = foMs + rng.int(60, 4 * 24 * 60) * MINUTE;
      addCancellation(ctx, draft, fo, pendingRequests.map((p) => ({ foItem: p.foItem, quantity: p.unit.pendingRequest, quantityAccepted: 0 })), 'pending', at, upstream());
    }
    for (const { foItem, unit } of pairs) {
      foItem.pending = unit.pending;
      foItem.backordered = unit.backordered;
      foItem.shipped = unit.shipped - unit.returned;
      foItem.returned = unit.returned;
      foItem.cancelled = unit.cancelled;
    }
  });

  bookActions(ctx, draft, state, actions);
  for (const fo of fos) {
    const touched = actions.filter((a) => a.fo === fo).map((a) => a.atMs);
    settleFulfillmentOrder(fo, Math.max(Date.parse(fo.createdTime), ...touched));
    ctx.store.fulfillmentOrders.put(fo);
  }
}

// Private: books shipments and cancels in time order; the last shipment of a `fulfilled`
// order is still capturing, and in some `accepted` orders the last capture failed.
function bookActions(ctx: SeedContext, draft: OrderDraft, state: OrderState, actions: Action[]): void {
  actions.sort((a, b) => a.atMs - b.atMs);
  const lastShip = actions.map((a) => a.kind).lastIndexOf('ship');
  actions.forEach((action, i) => {
    let captureState: ChargeOperationState = 'complete';
    if (i === lastShip && state === 'fulfilled') captureState = 'pending';
    if (i === lastShip && state === 'accepted' && ctx.rng.chance(0.15)) captureState = 'failed';
    addFulfillment(ctx, draft, action.lines, action.atMs, { shipment: action.kind === 'ship', captureState, cancelState: 'complete' });
  });
}

// Private: a digital order is delivered (or cancelled) in one fulfillment without shipment.
function digitalHistory(ctx: SeedContext, draft: OrderDraft, state: OrderState, units: readonly UnitPlan[], acceptedMs: number): void {
  if (state === 'accepted') return;
  const minutes = state === 'cancelled' ? ctx.rng.int(60, 48 * 60) : ctx.rng.int(1, 30);
  const lines = draft.order.items.map((item, i) => ({ item, quantity: units[i]?.shipped ?? 0, cancelQuantity: units[i]?.cancelled ?? 0 }));
  addFulfillment(ctx, draft, lines, acceptedMs + minutes * MINUTE, {
    shipment: false,
    captureState: state === 'fulfilled' ? 'pending' : 'complete',
    cancelState: 'complete',
  });
}

// Private: item states and the order's states after fulfilment: fulfilled, complete, returned, dispute, cancelled.
function finishOrder(ctx: SeedContext, draft: OrderDraft, state: OrderState, units: readonly UnitPlan[]): void {
  const { rng } = ctx;
  const { order } = draft;
  const set = (s: OrderState, ms: number): void => {
    order.stateTransitions[s] = isoSeconds(ms);
    order.state = s;
    draft.lastMs = Math.max(draft.lastMs, ms);
  };
  let fulfilledMs = 0;
  order.items.forEach((item, i) => {
    const lastMs = draft.itemLastMs.get(item.id);
    if (lastMs === undefined || (draft.doneUnits.get(item.id) ?? 0) < item.quantity) return;
    item.state = units[i]?.cancelled === item.quantity ? 'cancelled' : 'fulfilled';
    item.stateTransitions[item.state] = isoSeconds(lastMs);
    fulfilledMs = Math.max(fulfilledMs, lastMs);
  });
  if (state === 'accepted') return;
  if (state === 'cancelled') {
    set('cancelled', draft.lastMs + MINUTE);
    order.cancelReason = 'requested_by_customer';
    return;
  }
  set('fulfilled', fulfilledMs);
  if (state === 'fulfilled') return;
  const completeMs = draft.lastMs + rng.int(1, 30) * MINUTE;
  set('complete', completeMs);
  if (state === 'returned') {
    const returnMs = completeMs + rng.int(7, 20) * DAY;
    for (const charge of draft.charges) {
      const captured = (charge.captures ?? []).filter((c) => c.state === 'complete').reduce((sum, c) => sum + toMinor(c.amount, charge.currency), 0);
      if (captured > 0) applyRefund(charge, captured, isoSeconds(returnMs), 'complete', ctx.ids);
    }
    for (const item of order.items) {
      if (item.state !== 'fulfilled') continue;
      item.state = 'returned';
      item.stateTransitions['returned'] = isoSeconds(returnMs);
    }
    set('returned', returnMs + HOUR);
  } else if (state === 'dispute') {
    set('dispute', completeMs + rng.int(10, 40) * DAY);
  }
}
