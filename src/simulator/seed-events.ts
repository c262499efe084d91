// Writes a plausible event history for the seeded data: order state changes and cancellation decisions.

import { renderCancellation, renderOrder, type RenderOptions } from './render';
import type { SeedContext } from './seed-context';
import type { OrderState } from './wire-types';

/** The event type upstream fires when an order enters each state (§10.1). */
export const ORDER_STATE_EVENT: Readonly<Record<OrderState, string>> = {
  pending_payment: 'order.pending_payment',
  in_review: 'order.review_opened',
  accepted: 'order.accepted',
  blocked: 'order.blocked',
  cancelled: 'order.cancelled',
  fulfilled: 'order.fulfilled',
  complete: 'order.complete',
  returned: 'order.refunded',
  dispute: 'order.dispute',
};

/**
 * Adds, for every seeded order, the event of the state it is in now (carrying the
 * order as it is now, with the previous state in `previousAttributes`), and for every
 * cancellation its `fulfillment_cancellation.created` event plus, once decided, its
 * `.accepted` or `.rejected` event. Events carry snapshots, never live objects.
 */
export function seedEvents(ctx: SeedContext, render: RenderOptions): void {
  const { store } = ctx;
  for (const order of store.orders.sorted()) {
    const entered = Object.entries(order.stateTransitions).sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0));
    const previous = entered.length >= 2 ? entered[entered.length - 2]?.[0] : undefined;
    const at = Date.parse(order.stateTransitions[order.state] ?? order.updatedTime);
    const snapshot = structuredClone(renderOrder(store, order));
    store.appendEvent(ORDER_STATE_EVENT[order.state], snapshot, previous !== undefined ? { state: previous } : undefined, at + 400);
  }
  for (const cancellation of store.cancellations.sorted()) {
    const createdMs = Date.parse(cancellation.createdTime);
    const asPending = {
      ...cancellation,
      state: 'pending' as const,
      items: cancellation.items.map((item) => ({ ...item, quantityAccepted: 0, state: 'pending' as const })),
    };
    store.appendEvent('fulfillment_cancellation.created', structuredClone(renderCancellation(asPending, render)), undefined, createdMs + 300);
    const decidedMs = ctx.cancellationDecidedMs.get(cancellation.id);
    if (cancellation.state !== 'pending' && decidedMs !== undefined) {
      store.appendEvent(
        `fulfillment_cancellation.${cancellation.state}`,
        structuredClone(renderCancellation(cancellation, render)),
        { state: 'pending' },
        decidedMs + 200,
      );
    }
  }
}
