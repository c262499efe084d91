// The bulk order: a business order of hundreds of units with a storm of small cancellation requests.
//
// It exists so that one order's cancellations span more than one upstream page
// (limit 100): with the default seed it has 130 cancellations. Clients that load "all
// cancellations of an order" must follow `hasMore` to see them all.

import type { OrderDraft, SeedContext } from './seed-context';
import { addCancellation, addFulfillment, addFulfillmentOrder, type FulfillmentLine } from './seed-flow';
import { settleFulfillmentOrder } from './fulfillment-order-units';
import { DAY, HOUR, isoSeconds, MINUTE } from './time';
import type { CancellationState } from './wire-types';

/** How many cancellation requests the bulk order receives. */
export const BULK_CANCELLATION_COUNT = 130;

/** Units of each bulk line that ship, and in how many equal parcels. */
const SHIPPING_PLAN = [
  { shipped: 200, parcels: 4 },
  { shipped: 80, parcels: 2 },
] as const;

/**
 * Plays out the bulk order (state `accepted`, one fulfillment order): parcels ship
 * over twelve days while customers file `BULK_CANCELLATION_COUNT` small requests.
 * The oldest are decided (rejected, accepted, or accepted for fewer units), the
 * newest are still pending. Accepted units move to `cancelled` and get a payment
 * cancel; pending requests never ask for more than the open units. The capture of
 * the last parcel failed.
 */
export function addBulkHistory(ctx: SeedContext, draft: OrderDraft): void {
  const { rng } = ctx;
  const acceptedMs = draft.acceptedMs ?? Date.parse(draft.order.createdTime);
  const items = draft.order.items;
  const foMs = acceptedMs + 2 * MINUTE;
  const fo = addFulfillmentOrder(ctx, draft, items, foMs);
  const actions: { atMs: number; kind: 'ship' | 'cancel'; lines: FulfillmentLine[] }[] = [];

  const shipped = items.map((_item, i) => Math.min(SHIPPING_PLAN[i]?.shipped ?? 0, _item.quantity));
  items.forEach((item, i) => {
    const parcels = SHIPPING_PLAN[i]?.parcels ?? 1;
    const perParcel = Math.floor((shipped[i] ?? 0) / parcels);
    for (let p = 0; p < parcels; p += 1) {
      const quantity = p === parcels - 1 ? (shipped[i] ?? 0) - perParcel * (parcels - 1) : perParcel;
      if (quantity > 0) actions.push({ atMs: foMs + (2 + p * 3 + i) * DAY, kind: 'ship', lines: [{ item, quantity, cancelQuantity: 0 }] });
    }
  });

  // Units a decision or a pending request may still take, per item.
  const open = items.map((item, i) => item.quantity - (shipped[i] ?? 0));
  const cancelled = items.map(() => 0);
  const spanMs = 12 * DAY;
  for (let n = 0; n < BULK_CANCELLATION_COUNT; n += 1) {
    const at = foMs + HOUR + Math.floor((spanMs * n) / BULK_CANCELLATION_COUNT) + rng.int(0, 30) * MINUTE;
    const pending = n >= BULK_CANCELLATION_COUNT - 22;
    const indexes = rng.chance(0.15) ? items.map((_item, i) => i) : [rng.int(0, items.length - 1)];
    let state: CancellationState = pending ? 'pending' : rng.weighted({ rejected: 45, accepted: 55 });
    const lines = indexes.flatMap((i) => {
      const foItem = fo.items[i];
      const available = open[i] ?? 0;
      // A pending request never asks for more than is still open (pending + backordered).
      if (foItem === undefined || (pending && available === 0)) return [];
      const quantity = Math.min(rng.int(1, 4), pending ? available : Math.max(1, available));
      let quantityAccepted = 0;
      if (state === 'accepted') quantityAccepted = quantity >= 2 && rng.chance(0.35) ? rng.int(1, quantity - 1) : quantity;
      if (quantityAccepted > available) quantityAccepted = 0;
      open[i] = available - (pending ? quantity : quantityAccepted);
      return [{ foItem, quantity, quantityAccepted, index: i }];
    });
    if (lines.length === 0) continue;
    if (state === 'accepted' && lines.every((l) => l.quantityAccepted === 0)) state = 'rejected';
    const decidedMs = pending ? undefined : at + rng.int(10, 240) * MINUTE;
    addCancellation(ctx, draft, fo, lines, state, at, { withUpstreamId: rng.chance(0.97), ...(decidedMs !== undefined ? { decidedMs } : {}) });
    if (state === 'accepted' && decidedMs !== undefined) {
      const cancelLines = lines.filter((l) => l.quantityAccepted > 0);
      for (const l of cancelLines) cancelled[l.index] = (cancelled[l.index] ?? 0) + l.quantityAccepted;
      actions.push({
        atMs: decidedMs + MINUTE,
        kind: 'cancel',
        lines: cancelLines.flatMap((l) => {
          const item = items[l.index];
          return item === undefined ? [] : [{ item, quantity: 0, cancelQuantity: l.quantityAccepted }];
        }),
      });
    }
  }

  actions.sort((a, b) => a.atMs - b.atMs);
  const lastShip = actions.map((a) => a.kind).lastIndexOf('ship');
  actions.forEach((action, i) => {
    // The last parcel's capture failed (as after an expired authorisation), so every
    // seeded data set has a failed capture whose message only GET /charges/{id} shows.
    const captureState = i === lastShip ? 'failed' : 'complete';
    addFulfillment(ctx, draft, action.lines, action.atMs, { shipment: action.kind === 'ship', captureState, cancelState: 'complete' });
  });
  fo.items.forEach((foItem, i) => {
    const remaining = foItem.quantity - (shipped[i] ?? 0) - (cancelled[i] ?? 0);
    foItem.shipped = shipped[i] ?? 0;
    foItem.cancelled = cancelled[i] ?? 0;
    // The second line is partly on backorder, so both open categories occur.
    foItem.backordered = i === 1 ? Math.min(30, remaining) : 0;
    foItem.pending = remaining - foItem.backordered;
    foItem.returned = 0;
  });
  settleFulfillmentOrder(fo, Math.max(...actions.map((a) => a.atMs), foMs));
  ctx.store.fulfillmentOrders.put(fo);
  draft.order.updatedTime = isoSeconds(draft.lastMs);
}
