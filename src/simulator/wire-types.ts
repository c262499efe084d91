// The simulator's own model of Digital River's wire objects: what it stores and what it sends.
//
// These types deliberately share nothing with the gateway's upstream types, so a
// misunderstanding of the upstream API cannot hide by being made on both sides.
// Stored shapes (`Stored…`) are the full upstream objects plus the few internal
// fields the simulator needs; `render.ts` turns them into exactly what upstream sends.

/** Order states (§10.1). */
export type OrderState =
  | 'pending_payment'
  | 'in_review'
  | 'accepted'
  | 'blocked'
  | 'cancelled'
  | 'fulfilled'
  | 'complete'
  | 'returned'
  | 'dispute';

/** Every order state, in lifecycle order. */
export const ORDER_STATES: readonly OrderState[] = [
  'pending_payment',
  'in_review',
  'accepted',
  'blocked',
  'cancelled',
  'fulfilled',
  'complete',
  'returned',
  'dispute',
];

/** Order item states (§10.3). */
export type OrderItemState = 'created' | 'fulfilled' | 'cancelled' | 'blocked' | 'returned' | 'paid';

/** Charge states (§10.4). */
export type ChargeState = 'pending' | 'capturable' | 'processing' | 'complete' | 'cancelled' | 'failed';

/** Capture, cancel and refund states; cancels may also be `pending_information`. */
export type ChargeOperationState = 'pending' | 'complete' | 'failed' | 'pending_information';

/** Source states (§10.5). */
export type SourceState =
  | 'pending_funds'
  | 'pending_redirect'
  | 'requires_action'
  | 'chargeable'
  | 'consumed'
  | 'cancelled'
  | 'failed';

/** Source types the seed produces; each names its type-specific sub-object. */
export type SourceType = keyof SourceDetails;

/** Fulfillment order states (§10.6). */
export type FulfillmentOrderState = 'pending' | 'shipped' | 'cancelled';

/** Fulfillment order item states (§10.6). */
export type FulfillmentOrderItemState = 'pending' | 'backordered' | 'shipped' | 'cancelled';

/** Fulfillment cancellation and cancellation item states (§10.7). */
export type CancellationState = 'pending' | 'accepted' | 'rejected';

/** A postal address; only `country` is required upstream. */
export interface Address {
  line1?: string;
  line2?: string;
  city?: string;
  postalCode?: string;
  state?: string;
  country: string;
}

/** `shipTo` / `billTo` contact block. */
export interface Contact {
  address: Address;
  name?: string;
  phone?: string;
  email?: string;
  organization?: string;
}

/** `productDetails` of an order item; `physical` and `metadata` only with `expand=true`. */
export interface ProductDetails {
  id: string;
  name: string;
  description: string;
  countryOfOrigin: string;
  weight?: number;
  weightUnit?: string;
  partNumber: string;
  physical?: boolean;
  metadata?: Record<string, string | number | boolean>;
}

/** An order line (§3.3). `amount` is the whole line, not the unit price. */
export interface OrderItem {
  id: string;
  skuId: string;
  productDetails: ProductDetails;
  amount: number;
  quantity: number;
  state: OrderItemState;
  stateTransitions: Record<string, string>;
  tax: { rate: number; amount: number };
  importerTax: { amount: number };
  duties: { amount: number };
  fees: { amount: number; taxAmount: number };
  shipping?: { amount: number; taxAmount: number };
  availableToRefundAmount: number;
  metadata?: Record<string, string | number | boolean>;
}

/** The order's shipping choice. */
export interface ShippingChoice {
  id: string;
  amount: number;
  taxAmount: number;
  description: string;
  serviceLevel: string;
  shippingTerms: string;
}

/** The payment session embedded in `order.payment.session`. */
export interface PaymentSession {
  id: string;
  amountContributed: number;
  amountRemainingToBeContributed: number;
  state: 'complete' | 'pending_funds' | 'requires_confirmation' | 'failed' | 'cancelled';
  clientSecret: string;
  nextAction?: { action: 'redirect' | 'show_payment_instructions'; data: Record<string, string> };
}

/** A capture, cancel or charge-level refund (§4.2, ChargeOperation). */
export interface ChargeOperation {
  id: string;
  createdTime: string;
  updatedTime?: string;
  amount: number;
  state: ChargeOperationState;
  failureCode?: string;
  failureMessage?: string;
  /** Captures only: the fulfillment that caused the capture. */
  fulfillmentId?: string;
}

/** A full charge as `GET /charges/{id}` returns it. */
export interface Charge {
  id: string;
  createdTime: string;
  currency: string;
  amount: number;
  state: ChargeState;
  orderId: string;
  captured: boolean;
  captures?: ChargeOperation[];
  cancels?: ChargeOperation[];
  refunded: boolean;
  refunds?: ChargeOperation[];
  sourceId: string;
  paymentSessionId: string;
  type: 'customer_initiated' | 'merchant_initiated' | 'moto';
  failureCode?: string;
  failureMessage?: string;
  liveMode: boolean;
}

/** A charge operation as embedded in an order: never a `failureMessage`. */
export type EmbeddedChargeOperation = Omit<ChargeOperation, 'failureMessage'>;

/** A charge as embedded in `order.payment.charges[]` (§3.4, §14 #30). */
export interface EmbeddedCharge
  extends Omit<Charge, 'orderId' | 'liveMode' | 'paymentSessionId' | 'failureMessage' | 'captures' | 'cancels' | 'refunds'> {
  captures?: EmbeddedChargeOperation[];
  cancels?: EmbeddedChargeOperation[];
  /** Embedded charge-level refunds carry no `id`. */
  refunds?: Omit<EmbeddedChargeOperation, 'id'>[];
}

/** Card-like details shared by `creditCard`, `googlePay` and `applePay`. */
export interface CardDetails {
  brand: string;
  expirationMonth: number;
  expirationYear: number;
  lastFourDigits: string;
}

/** The type-specific sub-objects of a source; exactly one is set, named by `type`. */
export interface SourceDetails {
  creditCard?: CardDetails;
  googlePay?: CardDetails;
  applePay?: CardDetails;
  payPal?: { token: string; payerId?: string; payerStatus?: string; redirectUrl?: string };
  wireTransfer?: {
    accountHolder: string;
    bankName: string;
    city: string;
    country: string;
    referenceId: string;
    accountNumber: string;
    additionalBankInformation: string;
    iban: string;
    swiftCode: string;
  };
  konbini?: {
    storeId: string;
    receiptNumber: string;
    printableInvoiceUrl: string;
    storeName: string;
    localizedStoreName: string;
    storeLogoUrl: string;
  };
  customerCredit?: Record<string, never>;
}

/** The owner block of a source. */
export interface SourceOwner {
  firstName: string;
  lastName: string;
  email: string;
  organization?: string;
  address: Address;
}

/** A full source as `GET /sources/{id}` returns it (§5.2). */
export interface Source extends SourceDetails {
  id: string;
  clientSecret: string;
  createdTime: string;
  type: SourceType;
  currency: string;
  amount: number;
  reusable: boolean;
  state: SourceState;
  flow: 'standard' | 'redirect' | 'receiver';
  owner: SourceOwner;
  customerId?: string;
  paymentSessionId: string;
  liveMode: boolean;
}

/** A source as embedded in `order.payment.sources[]`: id, type, amount, owner and its sub-object. */
export interface EmbeddedSource extends SourceDetails {
  id: string;
  type: SourceType;
  amount: number;
  owner: SourceOwner;
}

/** The order as stored: the payment block holds references, rendered on the way out. */
export interface StoredOrder {
  id: string;
  checkoutId: string;
  upstreamId?: string;
  customerId?: string;
  createdTime: string;
  updatedTime: string;
  currency: string;
  email: string;
  locale: string;
  browserIp: string;
  customerType: 'individual' | 'business';
  shipFrom?: { address: Address };
  shipTo?: Contact;
  billTo: Contact;
  subtotal: number;
  totalTax: number;
  totalImporterTax: number;
  totalFees: number;
  totalDuty: number;
  totalDiscount: number;
  totalShipping: number;
  totalAmount: number;
  importerOfRecordTax: boolean;
  capturedAmount: number;
  cancelledAmount: number;
  refundedAmount?: number;
  availableToRefundAmount: number;
  items: OrderItem[];
  shippingChoice?: ShippingChoice;
  state: OrderState;
  stateTransitions: Partial<Record<OrderState, string>>;
  fraudState?: 'review_opened' | 'blocked' | 'passed';
  fraudStateTransitions: Partial<Record<'review_opened' | 'blocked' | 'passed', string>>;
  cancelReason?: string;
  payment: { chargeIds: string[]; sourceIds: string[]; session: PaymentSession };
  requestToBeForgotten: boolean;
  sellingEntity: { id: string; name: string };
  metadata?: Record<string, string | number | boolean>;
  liveMode: boolean;
}

/** An order as `GET /orders` sends it, with charges and sources embedded. */
export interface Order extends Omit<StoredOrder, 'payment'> {
  payment: { charges?: EmbeddedCharge[]; sources: EmbeddedSource[]; session: PaymentSession };
}

/** `orderDetails` of a fulfillment: the order without `payment` (and, as upstream shows, without `fraudState`). */
export type OrderDetails = Omit<StoredOrder, 'payment' | 'fraudState'>;

/** One line of a fulfillment; both quantities are always present. */
export interface FulfillmentItem {
  itemId: string;
  skuId: string;
  quantity: number;
  cancelQuantity: number;
  shipmentItemId?: string;
}

/** A fulfillment as listed by `GET /fulfillments` (§6.3). */
export interface Fulfillment {
  id: string;
  createdTime: string;
  items: FulfillmentItem[];
  orderId: string;
  shipmentId?: string;
  trackingCompany?: string;
  trackingNumber?: string;
  trackingUrl?: string;
  metadata?: Record<string, string | number | boolean>;
  liveMode: boolean;
}

/** A fulfillment as stored: also the ids of the captures and cancels it caused. */
export interface StoredFulfillment extends Fulfillment {
  chargeOperationIds: string[];
}

/** `GET /fulfillments/{id}`: the fulfillment with `chargeOperationIds` and `orderDetails`. */
export interface FulfillmentWithDetails extends StoredFulfillment {
  orderDetails: OrderDetails;
}

/** A fulfillment order line with its per-category counts, which sum to `quantity`. */
export interface FulfillmentOrderItem {
  id: string;
  upstreamId: string;
  inventoryItemId: string;
  name: string;
  subtotal: number;
  total: number;
  tax: { amount: number };
  quantity: number;
  pending: number;
  backordered: number;
  shipped: number;
  cancelled: number;
  returned: number;
  state: FulfillmentOrderItemState;
}

/** A fulfillment order (§7.3). */
export interface FulfillmentOrder {
  id: string;
  createdTime: string;
  updatedTime: string;
  currency: string;
  locale: string;
  name: string;
  email: string;
  phone?: string;
  upstreamOrderTime: string;
  upstreamId: string;
  reservationId: string;
  shipTo: Contact;
  shippingChoice: { id: string; dutiesPaid: boolean; shippingInstructions?: string };
  items: FulfillmentOrderItem[];
  state: FulfillmentOrderState;
  liveMode: boolean;
}

/** One item of a fulfillment cancellation. */
export interface CancellationItem {
  fulfillmentOrderItemId: string;
  fulfillmentOrderItemUpstreamId?: string;
  inventoryItemId: string;
  quantity: number;
  quantityAccepted: number;
  state: CancellationState;
}

/** The serialised Java `OffsetDateTime` of seed 002 (§14 #1). */
export interface JavaOffsetDateTime {
  offset: {
    totalSeconds: number;
    id: string;
    rules: { fixedOffset: boolean; transitions: unknown[]; transitionRules: unknown[] };
  };
  nano: number;
  year: number;
  monthValue: number;
  dayOfMonth: number;
  hour: number;
  minute: number;
  second: number;
  dayOfWeek: string;
  dayOfYear: number;
  month: string;
}

/** A fulfillment cancellation as sent; note `livemode` with a lower-case m (§14 #2). */
export interface FulfillmentCancellation {
  id: string;
  createdTime: string | JavaOffsetDateTime;
  fulfillmentOrderId: string;
  upstreamId?: string;
  items: CancellationItem[];
  reason?: string;
  state: CancellationState;
  livemode: boolean;
}

/** A cancellation as stored: an ISO `createdTime`, and whether it always renders the Java form. */
export interface StoredCancellation extends Omit<FulfillmentCancellation, 'createdTime'> {
  createdTime: string;
  /** True for the fixed fraction of seeded cancellations that use the Java date form whatever the option says. */
  alwaysJavaDate: boolean;
}

/** An event (§11.1). `createdTime` has microseconds. */
export interface SimEvent {
  id: string;
  type: string;
  createdTime: string;
  liveMode: boolean;
  data: { object: unknown; previousAttributes?: Record<string, unknown> };
  webhookIds?: string[];
  digitalriverVersion?: string;
}

/** A webhook registration (§12.1); times have milliseconds. */
export interface Webhook {
  id: string;
  types: string[];
  address: string;
  enabled: boolean;
  /** `default`, `latest` or a dated `YYYY-MM-DD`. */
  apiVersion: string;
  createdTime: string;
  updatedTime: string;
  liveMode: boolean;
}

/** One entry of an upstream error body. */
export interface UpstreamErrorEntry {
  code: string;
  parameter?: string;
  message: string;
}

/** The upstream error body (§1.8). */
export interface UpstreamErrorBody {
  type: string;
  errors: UpstreamErrorEntry[];
}

/** The list envelope (§1.9). */
export interface ListPage<T> {
  hasMore: boolean;
  data: T[];
}
