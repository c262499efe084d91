// Upstream orders to GraphQL Order, with items, embedded charges and sources mapped once.
import { fromUpstream } from '../schema/enums/from-upstream';
import { OrderState } from '../schema/enums/order-state.enum';
import type { Order, OrderItem } from '../schema/types/order.type';
import type { UpstreamOrder, UpstreamOrderItem } from '../upstream/types';
import { mapCharge } from './charge.mapper';
import { mapContact } from './contact.mapper';
import { toId, toIsoDateTime } from './scalar.mapper';
import { mapSource } from './source.mapper';

export function mapOrderItem(raw: UpstreamOrderItem): OrderItem {
  return {
    id: toId(raw.id),
    skuId: raw.skuId ?? null,
    productName: raw.productDetails?.name ?? null,
    productDescription: raw.productDetails?.description ?? null,
    quantity: raw.quantity,
    amount: raw.amount,
    state: raw.state ?? null,
    availableToRefundAmount: raw.availableToRefundAmount ?? null,
  };
}

/** Maps an order. Totals are shown as upstream gives them, never recomputed (quirk 17). */
export function mapOrder(raw: UpstreamOrder): Order {
  const id = toId(raw.id);
  const liveMode = raw.liveMode ?? false;
  const createdTime = toIsoDateTime(raw.createdTime);
  if (createdTime === null) throw new TypeError(`order ${id} has no readable createdTime: ${JSON.stringify(raw.createdTime)}`);
  return {
    id,
    upstreamId: raw.upstreamId ?? null,
    customerId: raw.customerId ?? null,
    email: raw.email ?? null,
    locale: raw.locale ?? null,
    currency: raw.currency,
    state: fromUpstream('OrderState', OrderState, raw.state),
    createdTime,
    updatedTime: toIsoDateTime(raw.updatedTime),
    totalAmount: raw.totalAmount,
    subtotal: raw.subtotal ?? null,
    totalTax: raw.totalTax ?? null,
    totalShipping: raw.totalShipping ?? null,
    totalDiscount: raw.totalDiscount ?? null,
    totalFees: raw.totalFees ?? null,
    totalDuty: raw.totalDuty ?? null,
    capturedAmount: raw.capturedAmount ?? null,
    cancelledAmount: raw.cancelledAmount ?? null,
    refundedAmount: raw.refundedAmount ?? null,
    availableToRefundAmount: raw.availableToRefundAmount ?? null,
    shipTo: mapContact(raw.shipTo),
    billTo: mapContact(raw.billTo),
    liveMode,
    metadata: raw.metadata ?? null,
    items: (raw.items ?? []).map(mapOrderItem),
    charges: (raw.payment?.charges ?? []).map((charge) => mapCharge(charge, false, { orderId: id, liveMode })),
    sources: (raw.payment?.sources ?? []).map((source) => ({ ...mapSource(source, liveMode), customerId: source.customerId ?? raw.customerId ?? null })),
  };
}
