// Invariants every seeded data set must hold, shared by the data tests for several seeds.

import { toMinor } from '../../src/simulator/money';
import type { SimulatorStore } from '../../src/simulator/store';

/** Invariant: adds up order totals from line amounts, tax and shipping. */
export function orderTotalsAddUp(store: SimulatorStore): void {
  for (const o of store.orders.sorted()) {
    const m = (x: number): number => toMinor(x, o.currency);
    const lines = o.items.reduce((sum, i) => sum + m(i.amount), 0);
    const lineTax = o.items.reduce((sum, i) => sum + m(i.tax.amount), 0);
    expect(m(o.subtotal)).toBe(lines + m(o.totalShipping));
    expect(m(o.totalTax)).toBe(lineTax + m(o.shippingChoice?.taxAmount ?? 0));
    expect(m(o.totalAmount)).toBe(m(o.subtotal) + m(o.totalTax));
    for (const i of o.items) {
      expect(i.quantity).toBeGreaterThanOrEqual(1);
      if (o.id !== store.facts.bulkOrderId) expect(i.quantity).toBeLessThanOrEqual(5);
    }
    expect(o.items.length).toBeGreaterThanOrEqual(1);
    expect(o.items.length).toBeLessThanOrEqual(4);
  }
}

/** Invariant: has one charge per source summing to the total, except pending push payments. */
export function chargesMatchSources(store: SimulatorStore): void {
  for (const o of store.orders.sorted()) {
    const charges = store.chargesOfOrder(o);
    const sources = store.sourcesOfOrder(o);
    const m = (x: number): number => toMinor(x, o.currency);
    expect(sources.reduce((sum, s) => sum + m(s.amount), 0)).toBe(m(o.totalAmount));
    const pushPending = sources.some((s) => s.flow === 'receiver') && o.stateTransitions.accepted === undefined && o.state !== 'in_review' && o.state !== 'blocked';
    if (pushPending) {
      expect(charges).toEqual([]);
    } else {
      expect(charges.map((c) => c.sourceId)).toEqual(sources.map((s) => s.id));
      for (const c of charges) expect(c.orderId).toBe(o.id);
    }
  }
}

/** Invariant: keeps charge state and order amounts consistent with the operations. */
export function chargeStatesMatchOperations(store: SimulatorStore): void {
  const fulfillmentIds = new Set(store.fulfillments.sorted().map((f) => f.id));
  for (const o of store.orders.sorted()) {
    const charges = store.chargesOfOrder(o);
    const m = (x: number): number => toMinor(x, o.currency);
    const sum = (kind: 'captures' | 'cancels' | 'refunds'): number =>
      charges.reduce((s, c) => s + (c[kind] ?? []).filter((op) => op.state === 'complete').reduce((t, op) => t + m(op.amount), 0), 0);
    expect(m(o.capturedAmount)).toBe(sum('captures'));
    expect(m(o.cancelledAmount)).toBe(sum('cancels'));
    expect(m(o.availableToRefundAmount)).toBe(sum('captures') - sum('refunds'));
    for (const c of charges) {
      for (const capture of c.captures ?? []) {
        expect(capture.fulfillmentId !== undefined && fulfillmentIds.has(capture.fulfillmentId)).toBe(true);
        expect(store.fulfillments.get(capture.fulfillmentId as string)?.orderId).toBe(o.id);
      }
      const ops = [...(c.captures ?? []), ...(c.cancels ?? [])].reduce((s, op) => s + m(op.amount), 0);
      expect(ops).toBeLessThanOrEqual(m(c.amount));
    }
    if (o.state === 'complete' || o.state === 'returned' || o.state === 'dispute') {
      // With two charges, cancels may use up one of them entirely: it is then `cancelled`.
      expect(charges.every((c) => c.state === 'complete' || c.state === 'cancelled')).toBe(true);
      expect(charges.some((c) => c.state === 'complete')).toBe(true);
    }
    if (o.state === 'cancelled' || o.state === 'blocked') expect(charges.every((c) => c.state === 'cancelled')).toBe(true);
    if (o.state === 'fulfilled') expect(charges.some((c) => c.state === 'processing')).toBe(true);
    if (o.state === 'returned') expect(m(o.refundedAmount ?? 0)).toBe(m(o.capturedAmount));
  }
}

/** Invariant: accounts for every unit in fulfillments of fulfilled and later orders. */
export function fulfillmentsAccountForUnits(store: SimulatorStore): void {
  for (const o of store.orders.sorted()) {
    const fulfillments = store.fulfillmentsOfOrder(o.id);
    for (const item of o.items) {
      const lines = fulfillments.flatMap((f) => f.items.filter((l) => l.itemId === item.id));
      const done = lines.reduce((s, l) => s + l.quantity + l.cancelQuantity, 0);
      expect(lines.every((l) => l.skuId === item.skuId)).toBe(true);
      if (['fulfilled', 'complete', 'returned', 'dispute'].includes(o.state)) expect(done).toBe(item.quantity);
      else expect(done).toBeLessThanOrEqual(item.quantity);
    }
  }
}

/** Invariant: gives physical orders past acceptance fulfillment orders whose counts sum to quantity. */
export function fulfillmentOrderCountsSumToQuantity(store: SimulatorStore): void {
  for (const o of store.orders.sorted()) {
    const fos = store.fulfillmentOrdersOfOrder(o.id);
    const accepted = o.stateTransitions.accepted !== undefined;
    expect(fos.length > 0).toBe(accepted && o.shipTo !== undefined);
    const foItems = fos.flatMap((fo) => fo.items);
    if (fos.length > 0) expect(foItems.map((i) => i.upstreamId).sort()).toEqual(o.items.map((i) => i.id).sort());
    for (const fo of fos) {
      expect(fo.upstreamId).toBe(o.id);
      for (const i of fo.items) {
        expect(i.pending + i.backordered + i.shipped + i.cancelled + i.returned).toBe(i.quantity);
        expect(i.quantity).toBe(o.items.find((oi) => oi.id === i.upstreamId)?.quantity);
      }
    }
  }
}

/** Invariant: keeps cancellations consistent with fulfillment order counts. */
export function cancellationsMatchFulfillmentOrderCounts(store: SimulatorStore): void {
  for (const fo of store.fulfillmentOrders.sorted()) {
    const cancellations = store.cancellations.sorted().filter((c) => c.fulfillmentOrderId === fo.id);
    for (const item of fo.items) {
      const lines = cancellations.flatMap((c) => c.items.filter((l) => l.fulfillmentOrderItemId === item.id).map((l) => ({ c, l })));
      const accepted = lines.filter(({ c }) => c.state === 'accepted').reduce((s, { l }) => s + l.quantityAccepted, 0);
      const pending = lines.filter(({ c }) => c.state === 'pending').reduce((s, { l }) => s + l.quantity, 0);
      expect(accepted).toBe(item.cancelled);
      expect(pending).toBeLessThanOrEqual(item.pending + item.backordered);
      for (const { c, l } of lines) {
        expect(l.inventoryItemId).toBe(item.inventoryItemId);
        expect(l.fulfillmentOrderItemUpstreamId).toBe(item.upstreamId);
        if (c.upstreamId !== undefined) expect(c.upstreamId).toBe(fo.upstreamId);
        if (c.state === 'rejected' || c.state === 'pending') expect(l.quantityAccepted).toBe(0);
        expect(l.quantityAccepted).toBeLessThanOrEqual(l.quantity);
      }
    }
  }
}
