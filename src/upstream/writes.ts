// The write calls the mutations make: request bodies exactly as upstream documents them.
import type { CallContext, UpstreamClient } from './client';
import type { UpstreamFulfillment, UpstreamFulfillmentCancellation } from './types';

/** `POST /fulfillment-cancellations` body (§8.2). */
export interface CreateFulfillmentCancellationBody {
  fulfillmentOrderId: string;
  upstreamId?: string;
  reason?: string;
  items: Array<{ fulfillmentOrderItemId: string; quantity: number }>;
}

/** `POST /fulfillments` body (§6.2); quantities are integers, ids strings (quirk 9). */
export interface CreateFulfillmentBody {
  orderId: string;
  items: Array<{ itemId: string; quantity?: number; cancelQuantity?: number; shipmentItemId?: string }>;
  shipmentId?: string;
  trackingCompany?: string;
  trackingNumber?: string;
  trackingUrl?: string;
}

/** A registered webhook endpoint (§12.1). */
export interface UpstreamWebhook {
  id: string;
  address: string;
  types: string[];
  enabled?: boolean;
}

/** `POST /webhooks`: asks upstream to deliver events of `types` to `address`. */
export function registerWebhook(client: UpstreamClient, address: string, types: readonly string[], context: CallContext): Promise<UpstreamWebhook> {
  return client.create<UpstreamWebhook>('webhooks', { address, types, enabled: true }, context);
}

export function createFulfillmentCancellation(client: UpstreamClient, body: CreateFulfillmentCancellationBody, context: CallContext, idempotencyKey: string): Promise<UpstreamFulfillmentCancellation> {
  return client.create<UpstreamFulfillmentCancellation>('fulfillment-cancellations', body, context, { idempotencyKey });
}

export function createFulfillment(client: UpstreamClient, body: CreateFulfillmentBody, context: CallContext, idempotencyKey: string): Promise<UpstreamFulfillment> {
  return client.create<UpstreamFulfillment>('fulfillments', body, context, { idempotencyKey });
}
