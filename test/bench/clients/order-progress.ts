// Tells stale order views from fresh ones: each order's progress as upstream had it when each webhook was acknowledged, and as each view showed it.
import type { Simulator } from '../../../src/simulator/create-simulator';
import type { SimEvent } from '../../../src/simulator/wire-types';

/**
 * An order's progress: every cancellation filed under it counts 1, and 1 more
 * once decided; every unit its fulfillment orders hold as cancelled counts 1.
 * It only grows under the benchmark's changes (cancellations filed and
 * decided), so a view whose progress is below what upstream had when a
 * webhook about the order was answered 202 shows the state from before it.
 */
export function progressInView(order: { fulfillmentCancellations?: Array<{ state: string }> | null; fulfillmentOrders?: Array<{ items: Array<{ cancelled: number }> }> | null }): number {
  let progress = 0;
  for (const cancellation of order.fulfillmentCancellations ?? []) progress += cancellation.state === 'PENDING' ? 1 : 2;
  for (const fo of order.fulfillmentOrders ?? []) for (const item of fo.items) progress += item.cancelled;
  return progress;
}

/** One view as the load generator saw it. */
export interface ViewRecord {
  orderId: string;
  /** Wall clock (ms) when the request was sent. */
  startedAt: number;
  progress: number;
}

/** Records, per event the simulator emits for an order, that order's progress right after the change the event reports. */
export interface ProgressLog {
  /** Stops listening. */
  stop(): void;
  /**
   * Views that show less progress than upstream had when a webhook about their
   * order was answered 202 before the view was sent (from the simulator's
   * delivery log: answered at the latest when the simulator got the answer).
   */
  staleViews(views: readonly ViewRecord[]): { stale: number; checked: number; acknowledged: number };
}

/**
 * Starts recording from now on. The progress of every order is read from the
 * store once, then kept up to date from each event's object (a cancellation's
 * state, a fulfillment order's items), which the simulator renders as the
 * store holds it: a few operations per event, however many orders there are.
 */
export function recordProgress(simulator: Simulator): ProgressLog {
  const { store } = simulator;
  const cancellationWeight = new Map<string, { orderId: string; weight: number }>();
  const cancelledUnits = new Map<string, { orderId: string; units: number }>();
  const total = new Map<string, number>();
  const add = (orderId: string, delta: number): void => {
    total.set(orderId, (total.get(orderId) ?? 0) + delta);
  };
  for (const cancellation of store.cancellations.sorted()) {
    if (cancellation.upstreamId === undefined) continue;
    const weight = cancellation.state === 'pending' ? 1 : 2;
    cancellationWeight.set(cancellation.id, { orderId: cancellation.upstreamId, weight });
    add(cancellation.upstreamId, weight);
  }
  for (const fo of store.fulfillmentOrders.sorted()) {
    const units = fo.items.reduce((sum, item) => sum + item.cancelled, 0);
    cancelledUnits.set(fo.id, { orderId: fo.upstreamId, units });
    add(fo.upstreamId, units);
  }
  const byEvent = new Map<string, { orderId: string; progress: number }>();
  const stop = store.onEvent((event: SimEvent) => {
    const object = event.data.object as Record<string, unknown>;
    if (event.type.startsWith('fulfillment_cancellation.') && typeof object.upstreamId === 'string' && typeof object.id === 'string') {
      const weight = object.state === 'pending' ? 1 : 2;
      const known = cancellationWeight.get(object.id);
      add(object.upstreamId, weight - (known?.weight ?? 0));
      cancellationWeight.set(object.id, { orderId: object.upstreamId, weight });
    } else if (event.type.startsWith('fulfillment_order.') && typeof object.id === 'string' && typeof object.upstreamId === 'string' && Array.isArray(object.items)) {
      const units = (object.items as Array<{ cancelled?: number }>).reduce((sum, item) => sum + (item.cancelled ?? 0), 0);
      const known = cancelledUnits.get(object.id);
      add(object.upstreamId, units - (known?.units ?? 0));
      cancelledUnits.set(object.id, { orderId: object.upstreamId, units });
    }
    const orderId = orderOf(event);
    // Recorded at emission: the store holds exactly the state the event reports.
    if (orderId !== undefined) byEvent.set(event.id, { orderId, progress: total.get(orderId) ?? 0 });
  });
  return {
    stop,
    staleViews(views) {
      const acks = new Map<string, Array<{ at: number; progress: number }>>();
      let acknowledged = 0;
      for (const delivery of simulator.webhookDeliveries) {
        const recorded = byEvent.get(delivery.eventId);
        if (delivery.status !== 202 || recorded === undefined) continue;
        acknowledged += 1;
        const list = acks.get(recorded.orderId) ?? [];
        list.push({ at: Date.parse(delivery.at) + delivery.durationMs, progress: recorded.progress });
        acks.set(recorded.orderId, list);
      }
      for (const list of acks.values()) list.sort((x, y) => x.at - y.at);
      let stale = 0;
      let checked = 0;
      for (const view of views) {
        const list = acks.get(view.orderId);
        if (list === undefined) continue;
        let required = -1;
        for (const ack of list) {
          if (ack.at >= view.startedAt) break;
          required = Math.max(required, ack.progress);
        }
        if (required < 0) continue;
        checked += 1;
        if (view.progress < required) stale += 1;
      }
      return { stale, checked, acknowledged };
    },
  };
}

// Private: the order an event is about, as upstream names it in the object.
function orderOf(event: SimEvent): string | undefined {
  const object = event.data.object as Record<string, unknown>;
  const named = event.type.startsWith('fulfillment_cancellation.') || event.type.startsWith('fulfillment_order.') ? object.upstreamId
    : event.type === 'fulfillment.created' || event.type.startsWith('order.charge.') ? object.orderId
      : event.type.startsWith('order.') ? object.id : undefined;
  return typeof named === 'string' ? named : undefined;
}
