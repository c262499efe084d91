// The write calls the mutations make: request bodies exactly as upstream documents them, and what each write invalidates in the shared cache.
import type { CallContext, UpstreamClient } from './client';
import { type CacheInvalidator, type CacheScope, fulfillmentOrderScope, orderScope } from './shared-cache';
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

/**
 * `POST /fulfillment-cancellations`. Once it settled, whatever the outcome,
 * `cache` forgets the fulfillment order's graph and (with `upstreamId`) the
 * order's: the new cancellation shows in both.
 */
export function createFulfillmentCancellation(
  client: UpstreamClient,
  body: CreateFulfillmentCancellationBody,
  context: CallContext,
  idempotencyKey: string,
  cache?: CacheInvalidator,
): Promise<UpstreamFulfillmentCancellation> {
  const scopes = [fulfillmentOrderScope(body.fulfillmentOrderId), ...(body.upstreamId === undefined ? [] : [orderScope(body.upstreamId)])];
  return invalidatingAfter(client.create<UpstreamFulfillmentCancellation>('fulfillment-cancellations', body, context, { idempotencyKey }), cache, scopes);
}

/**
 * `POST /fulfillments`. Once it settled, whatever the outcome, `cache` forgets
 * the order's graph: the fulfillment moves its units, its fulfillment orders'
 * counts and its charges.
 */
export function createFulfillment(
  client: UpstreamClient,
  body: CreateFulfillmentBody,
  context: CallContext,
  idempotencyKey: string,
  cache?: CacheInvalidator,
): Promise<UpstreamFulfillment> {
  return invalidatingAfter(client.create<UpstreamFulfillment>('fulfillments', body, context, { idempotencyKey }), cache, [orderScope(body.orderId)]);
}

/**
 * Settles `write`, then invalidates `scopes` before handing its outcome on, so
 * a read that starts once the mutation returned never sees the state from
 * before it. A failed write is invalidated too: a timeout or a 5xx may still
 * have acted upstream. A failed invalidation is not the mutation's failure
 * (the write is done, and failing it would invite a second one): it happens
 * only with Redis away, when the cache has stopped serving anything until it
 * could flush itself.
 */
async function invalidatingAfter<T>(write: Promise<T>, cache: CacheInvalidator | undefined, scopes: readonly CacheScope[]): Promise<T> {
  try {
    return await write;
  } finally {
    await cache?.invalidate(scopes, 'mutation').catch(() => undefined);
  }
}
