// Upstream fulfillment cancellations to GraphQL FulfillmentCancellation (livemode spelling, Java dates).
import { FulfillmentCancellationState } from '../schema/enums/fulfillment-cancellation-state.enum';
import { fromUpstream } from '../schema/enums/from-upstream';
import type { FulfillmentCancellation } from '../schema/types/fulfillment-cancellation.type';
import type { UpstreamFulfillmentCancellation } from '../upstream/types';
import { toCount, toId, toIsoDateTime, toOptionalId } from './scalar.mapper';

/** Maps a cancellation; parent and item states are shown as given, never derived from each other (quirk 5). */
export function mapFulfillmentCancellation(raw: UpstreamFulfillmentCancellation): FulfillmentCancellation {
  const fulfillmentOrderId = toId(raw.fulfillmentOrderId);
  return {
    id: raw.id,
    fulfillmentOrderId,
    upstreamId: toOptionalId(raw.upstreamId),
    reason: raw.reason ?? null,
    state: fromUpstream('FulfillmentCancellationState', FulfillmentCancellationState, raw.state),
    createdTime: toIsoDateTime(raw.createdTime),
    liveMode: raw.livemode ?? raw.liveMode ?? false,
    items: (raw.items ?? []).map((item) => ({
      fulfillmentOrderItemId: toId(item.fulfillmentOrderItemId),
      inventoryItemId: item.inventoryItemId ?? null,
      quantity: toCount(item.quantity),
      quantityAccepted: item.quantityAccepted == null ? null : toCount(item.quantityAccepted),
      state: fromUpstream('FulfillmentCancellationState', FulfillmentCancellationState, item.state),
      fulfillmentOrderId,
    })),
  };
}
