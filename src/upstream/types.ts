// Wire types exactly as the upstream sends them: every field optional unless upstream always sends it.

/** Ids upstream documents as strings but sometimes types or sends as numbers (quirk 8). */
export type UpstreamId = string | number;

/** An ISO-8601 string, or the Java OffsetDateTime-style object of seed 002 (quirk 1). */
export type UpstreamDateTime = string | UpstreamJavaDateTime;

/** The serialised Java `OffsetDateTime` seen on fulfillment cancellations. */
export interface UpstreamJavaDateTime {
  offset?: { totalSeconds?: number; id?: string };
  nano?: number;
  year: number;
  monthValue: number;
  dayOfMonth: number;
  hour?: number;
  minute?: number;
  second?: number;
}

export interface UpstreamAddress {
  line1?: string;
  line2?: string;
  city?: string;
  postalCode?: string;
  state?: string;
  country?: string;
}

export interface UpstreamContact {
  name?: string;
  email?: string;
  phone?: string;
  organization?: string;
  address?: UpstreamAddress;
}

export interface UpstreamOrderItem {
  id: UpstreamId;
  skuId?: string;
  productDetails?: { id?: string; name?: string; description?: string };
  quantity: number;
  amount: number;
  state?: string;
  availableToRefundAmount?: number;
}

export interface UpstreamChargeOperation {
  id?: string;
  createdTime?: UpstreamDateTime;
  updatedTime?: UpstreamDateTime;
  amount: number;
  state: string;
  failureCode?: string;
  failureMessage?: string;
  fulfillmentId?: string;
}

export interface UpstreamCharge {
  id: string;
  orderId?: string;
  sourceId?: string;
  paymentSessionId?: string;
  createdTime?: UpstreamDateTime;
  currency: string;
  amount: number;
  state: string;
  type?: string;
  captured?: boolean;
  refunded?: boolean;
  failureCode?: string;
  failureMessage?: string;
  captures?: UpstreamChargeOperation[];
  cancels?: UpstreamChargeOperation[];
  refunds?: UpstreamChargeOperation[];
  liveMode?: boolean;
}

export interface UpstreamCardDetails {
  brand?: string;
  lastFourDigits?: string;
  expirationMonth?: number;
  expirationYear?: number;
}

export interface UpstreamSourceOwner {
  firstName?: string;
  lastName?: string;
  email?: string;
  organization?: string;
  address?: UpstreamAddress;
}

export interface UpstreamSource {
  id: string;
  type: string;
  state?: string;
  reusable?: boolean;
  amount?: number;
  currency?: string;
  createdTime?: UpstreamDateTime;
  customerId?: string;
  owner?: UpstreamSourceOwner;
  creditCard?: UpstreamCardDetails;
  googlePay?: UpstreamCardDetails;
  /** Secret: read only to be dropped; never mapped. */
  clientSecret?: string;
  liveMode?: boolean;
}

export interface UpstreamOrder {
  id: UpstreamId;
  upstreamId?: string;
  customerId?: string;
  email?: string;
  locale?: string;
  currency: string;
  state: string;
  createdTime: UpstreamDateTime;
  updatedTime?: UpstreamDateTime;
  totalAmount: number;
  subtotal?: number;
  totalTax?: number;
  totalShipping?: number;
  totalDiscount?: number;
  totalFees?: number;
  totalDuty?: number;
  capturedAmount?: number;
  cancelledAmount?: number;
  refundedAmount?: number;
  availableToRefundAmount?: number;
  shipTo?: UpstreamContact;
  billTo?: UpstreamContact;
  liveMode?: boolean;
  metadata?: Record<string, unknown>;
  items?: UpstreamOrderItem[];
  payment?: { charges?: UpstreamCharge[]; sources?: UpstreamSource[] };
}

export interface UpstreamFulfillmentOrderItem {
  id: UpstreamId;
  upstreamId?: UpstreamId;
  inventoryItemId?: string;
  name?: string;
  quantity: number;
  pending?: number;
  backordered?: number;
  shipped?: number;
  cancelled?: number;
  returned?: number;
  state?: string;
}

export interface UpstreamFulfillmentOrder {
  id: UpstreamId;
  upstreamId?: UpstreamId;
  state: string;
  createdTime?: UpstreamDateTime;
  currency?: string;
  items?: UpstreamFulfillmentOrderItem[];
  liveMode?: boolean;
}

export interface UpstreamFulfillmentCancellationItem {
  fulfillmentOrderItemId: UpstreamId;
  fulfillmentOrderItemUpstreamId?: UpstreamId;
  inventoryItemId?: string;
  quantity: number;
  quantityAccepted?: number;
  state?: string;
}

export interface UpstreamFulfillmentCancellation {
  id: string;
  fulfillmentOrderId: UpstreamId;
  upstreamId?: UpstreamId;
  reason?: string;
  state: string;
  createdTime?: UpstreamDateTime;
  items?: UpstreamFulfillmentCancellationItem[];
  /** Upstream's spelling on this resource (quirk 2). */
  livemode?: boolean;
  liveMode?: boolean;
}

export interface UpstreamFulfillmentItem {
  itemId: UpstreamId;
  shipmentItemId?: UpstreamId;
  skuId?: string;
  quantity?: number | string;
  cancelQuantity?: number | string;
}

export interface UpstreamFulfillment {
  id: string;
  orderId: UpstreamId;
  createdTime?: UpstreamDateTime;
  shipmentId?: UpstreamId;
  trackingCompany?: string;
  trackingNumber?: string;
  trackingUrl?: string;
  items?: UpstreamFulfillmentItem[];
  liveMode?: boolean;
}

/** One entry of an upstream error body's `errors[]`. */
export interface UpstreamErrorDetail {
  code?: string;
  parameter?: string;
  message?: string;
}

/** The upstream list envelope, normalised (quirk 34: a missing `hasMore` is `false`). */
export interface UpstreamPage<T> {
  hasMore: boolean;
  data: T[];
}

/** The REST collections the gateway reads. */
export type UpstreamCollection =
  | 'orders'
  | 'fulfillment-orders'
  | 'fulfillment-cancellations'
  | 'fulfillments'
  | 'charges'
  | 'sources'
  | 'events'
  | 'webhooks';

/** Query parameters of a list call; arrays become repeated keys (`ids=a&ids=b`). */
export type UpstreamQuery = Readonly<Record<string, string | number | readonly string[] | undefined>>;
