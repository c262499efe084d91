// Finds units the simulator will still let a cancellation ask for, and files such cancellations straight upstream (as another integration would).
import type { Simulator } from '../../src/simulator/create-simulator';

/** One cancellable unit: an accepted order's fulfillment order item with open units no pending request holds. */
export interface CancellableUnit {
  orderId: string;
  fulfillmentOrderId: string;
  itemId: string;
  /** Units still open for a new request. */
  open: number;
}

/** Every item of an accepted order with units left to ask for, read from the simulator's store. */
export function cancellableUnits(simulator: Simulator): CancellableUnit[] {
  const { store } = simulator;
  const held = new Map<string, number>();
  for (const cancellation of store.cancellations.sorted()) {
    if (cancellation.state !== 'pending') continue;
    for (const line of cancellation.items) held.set(line.fulfillmentOrderItemId, (held.get(line.fulfillmentOrderItemId) ?? 0) + line.quantity);
  }
  const units: CancellableUnit[] = [];
  for (const fo of store.fulfillmentOrders.sorted()) {
    if (fo.state === 'cancelled' || store.orders.get(fo.upstreamId)?.state !== 'accepted') continue;
    for (const item of fo.items) {
      const open = item.pending + item.backordered - (held.get(item.id) ?? 0);
      if (open >= 1) units.push({ orderId: fo.upstreamId, fulfillmentOrderId: fo.id, itemId: item.id, open });
    }
  }
  return units;
}

/**
 * `POST /fulfillment-cancellations` on the simulator for one unit of `unit`,
 * filed under its order unless `upstreamId` is null; resolves with the
 * cancellation's id. The gateway hears of it only by webhook.
 */
export async function fileCancellation(simulator: Simulator, unit: CancellableUnit, options: { upstreamId?: string | null; reason?: string } = {}): Promise<string> {
  const upstreamId = options.upstreamId === undefined ? unit.orderId : options.upstreamId;
  const response = await fetch(`${simulator.url}/fulfillment-cancellations`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk_test_simulator', 'content-type': 'application/json' },
    body: JSON.stringify({
      fulfillmentOrderId: unit.fulfillmentOrderId,
      ...(upstreamId === null ? {} : { upstreamId }),
      ...(options.reason === undefined ? {} : { reason: options.reason }),
      items: [{ fulfillmentOrderItemId: unit.itemId, quantity: 1 }],
    }),
  });
  const body = await response.json() as { id?: string };
  if (response.status !== 201 || body.id === undefined) throw new Error(`simulator refused the cancellation: ${response.status} ${JSON.stringify(body)}`);
  return body.id;
}
