// Upstream fulfillments to GraphQL Fulfillment; quantities are never null (quirk 12).
import type { Fulfillment } from '../schema/types/fulfillment.type';
import type { UpstreamFulfillment } from '../upstream/types';
import { toCount, toId, toIsoDateTime, toOptionalId } from './scalar.mapper';

export function mapFulfillment(raw: UpstreamFulfillment): Fulfillment {
  const orderId = toId(raw.orderId);
  return {
    id: raw.id,
    orderId,
    createdTime: toIsoDateTime(raw.createdTime),
    shipmentId: toOptionalId(raw.shipmentId),
    trackingCompany: raw.trackingCompany ?? null,
    trackingNumber: raw.trackingNumber ?? null,
    trackingUrl: raw.trackingUrl ?? null,
    liveMode: raw.liveMode ?? false,
    items: (raw.items ?? []).map((item) => ({
      itemId: toId(item.itemId),
      shipmentItemId: toOptionalId(item.shipmentItemId),
      skuId: item.skuId ?? null,
      quantity: toCount(item.quantity),
      cancelQuantity: toCount(item.cancelQuantity),
      orderId,
    })),
  };
}
