/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO-8601 date-time in UTC, e.g. "2024-03-04T10:00:00Z"; fractional seconds are kept when upstream sends them. */
  DateTime: { input: string; output: string; }
  /** An arbitrary JSON value, passed through as upstream sent it (e.g. an order's metadata map). */
  JSON: { input: unknown; output: unknown; }
};

/** A postal address. Only `country` (ISO 3166 alpha-2) is always present upstream. */
export type Address = {
  __typename?: 'Address';
  /** City. */
  city?: Maybe<Scalars['String']['output']>;
  /** Country, ISO 3166 alpha-2. */
  country?: Maybe<Scalars['String']['output']>;
  /** First address line. */
  line1?: Maybe<Scalars['String']['output']>;
  /** Second address line. */
  line2?: Maybe<Scalars['String']['output']>;
  /** Postal code. */
  postalCode?: Maybe<Scalars['String']['output']>;
  /** State or province. */
  state?: Maybe<Scalars['String']['output']>;
};

/** One payment authorisation of an order. */
export type Charge = {
  __typename?: 'Charge';
  /** Authorised amount; never changes. */
  amount: Scalars['Float']['output'];
  /** Cancels of the authorisation. */
  cancels: Array<ChargeOperation>;
  /** True once any capture was attempted, even a failed one. */
  captured: Scalars['Boolean']['output'];
  /** Captures, oldest first as upstream lists them. */
  captures: Array<ChargeOperation>;
  /** When the charge was created. */
  createdTime?: Maybe<Scalars['DateTime']['output']>;
  /** ISO 4217 currency code. */
  currency: Scalars['String']['output'];
  /** Why authorisation failed, verbatim. */
  failureCode?: Maybe<Scalars['String']['output']>;
  /** Human-readable authorisation failure. */
  failureMessage?: Maybe<Scalars['String']['output']>;
  /** Charge id. */
  id: Scalars['ID']['output'];
  /** True in live mode. */
  liveMode: Scalars['Boolean']['output'];
  /** The order this charge pays for. */
  order?: Maybe<Order>;
  /** The order this charge pays for. */
  orderId?: Maybe<Scalars['ID']['output']>;
  /** Payment session id (only on the full charge). */
  paymentSessionId?: Maybe<Scalars['String']['output']>;
  /** True once any refund exists. */
  refunded: Scalars['Boolean']['output'];
  /** Charge-level refunds (not the /refunds resource). */
  refunds: Array<ChargeOperation>;
  /** The source charged (from the order when it was loaded; no extra call). */
  source?: Maybe<Source>;
  /** The source charged. */
  sourceId?: Maybe<Scalars['ID']['output']>;
  /** pending, capturable, processing, complete, cancelled or failed (verbatim). */
  state: Scalars['String']['output'];
  /** customer_initiated, merchant_initiated or moto. */
  type?: Maybe<Scalars['String']['output']>;
};

/** A capture, cancel or refund of part or all of a charge. */
export type ChargeOperation = {
  __typename?: 'ChargeOperation';
  /** Amount, major currency units. */
  amount: Scalars['Float']['output'];
  /** When the operation was created. */
  createdTime?: Maybe<Scalars['DateTime']['output']>;
  /** Failure code, verbatim (often failed-request). */
  failureCode?: Maybe<Scalars['String']['output']>;
  /** Human-readable failure; only the full charge carries it, so it is fetched on demand. */
  failureMessage?: Maybe<Scalars['String']['output']>;
  /** The fulfillment that triggered this capture. */
  fulfillment?: Maybe<Fulfillment>;
  /** The fulfillment that triggered this capture. */
  fulfillmentId?: Maybe<Scalars['ID']['output']>;
  /** Operation id. Refunds embedded in an order lack it; only then is the full charge fetched. */
  id: Scalars['ID']['output'];
  /** pending, complete or failed (cancels also pending_information). */
  state: Scalars['String']['output'];
  /** When the operation last changed (rarely present). */
  updatedTime?: Maybe<Scalars['DateTime']['output']>;
};

/** A person or organisation to ship to or bill. */
export type Contact = {
  __typename?: 'Contact';
  /** Postal address. */
  address?: Maybe<Address>;
  /** Email address. */
  email?: Maybe<Scalars['String']['output']>;
  /** Full name. */
  name?: Maybe<Scalars['String']['output']>;
  /** Phone number. */
  phone?: Maybe<Scalars['String']['output']>;
};

/** Card details; only the last four digits are ever returned. */
export type CreditCard = {
  __typename?: 'CreditCard';
  /** Card brand, e.g. Visa. */
  brand?: Maybe<Scalars['String']['output']>;
  /** Expiry month, 1-12. */
  expirationMonth?: Maybe<Scalars['Int']['output']>;
  /** Expiry year. */
  expirationYear?: Maybe<Scalars['Int']['output']>;
  /** Last four digits of the card number. */
  lastFourDigits?: Maybe<Scalars['String']['output']>;
};

/** A record that units of an order were shipped and/or cancelled; it drives captures and cancels. */
export type Fulfillment = {
  __typename?: 'Fulfillment';
  /** When it was created. */
  createdTime?: Maybe<Scalars['DateTime']['output']>;
  /** Fulfillment id. */
  id: Scalars['ID']['output'];
  /** Units per order item. */
  items: Array<FulfillmentItem>;
  /** True in live mode. */
  liveMode: Scalars['Boolean']['output'];
  /** The order fulfilled. */
  order?: Maybe<Order>;
  /** The order fulfilled. */
  orderId: Scalars['ID']['output'];
  /** Shipment id (distributed model). */
  shipmentId?: Maybe<Scalars['String']['output']>;
  /** Carrier name. */
  trackingCompany?: Maybe<Scalars['String']['output']>;
  /** Carrier tracking number. */
  trackingNumber?: Maybe<Scalars['String']['output']>;
  /** Carrier tracking page. */
  trackingUrl?: Maybe<Scalars['String']['output']>;
};

/** A request to cancel all or part of a fulfillment order, decided by the fulfiller. */
export type FulfillmentCancellation = {
  __typename?: 'FulfillmentCancellation';
  /** When it was created (ISO, whatever form upstream used). */
  createdTime?: Maybe<Scalars['DateTime']['output']>;
  /** The fulfillment order it cancels from. */
  fulfillmentOrder?: Maybe<FulfillmentOrder>;
  /** The fulfillment order it cancels from. */
  fulfillmentOrderId: Scalars['ID']['output'];
  /** Cancellation id. */
  id: Scalars['ID']['output'];
  /** The units asked for, per item. */
  items: Array<FulfillmentCancellationItem>;
  /** True in live mode (upstream spells it livemode here). */
  liveMode: Scalars['Boolean']['output'];
  /** The order, through upstreamId or else through the fulfillment order. */
  order?: Maybe<Order>;
  /** Free-text reason, e.g. requested_by_customer. */
  reason?: Maybe<Scalars['String']['output']>;
  /** State as upstream gives it (not derived from the items). */
  state: FulfillmentCancellationState;
  /** The order id, when the cancellation was created with one. */
  upstreamId?: Maybe<Scalars['String']['output']>;
};

/** A page of fulfillment cancellations, newest first. */
export type FulfillmentCancellationConnection = {
  __typename?: 'FulfillmentCancellationConnection';
  /** Items with their cursors. */
  edges: Array<FulfillmentCancellationEdge>;
  /** The items alone. */
  nodes: Array<FulfillmentCancellation>;
  /** Paging information. */
  pageInfo: PageInfo;
};

/** One fulfillment cancellation and its cursor. */
export type FulfillmentCancellationEdge = {
  __typename?: 'FulfillmentCancellationEdge';
  /** Opaque cursor of this item. */
  cursor: Scalars['String']['output'];
  /** The fulfillment cancellation. */
  node: FulfillmentCancellation;
};

/** Narrows `fulfillmentCancellations`; all given conditions must hold. */
export type FulfillmentCancellationFilter = {
  /** Only cancellations of this fulfillment order. */
  fulfillmentOrderId?: InputMaybe<Scalars['ID']['input']>;
  /** Only these cancellation ids (at most 100). */
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Only cancellations in this state (UNKNOWN is not a filter). */
  state?: InputMaybe<FulfillmentCancellationState>;
  /** Only cancellations of these order ids (at most 100). */
  upstreamIds?: InputMaybe<Array<Scalars['ID']['input']>>;
};

/** Units of one fulfillment order item asked to be cancelled. */
export type FulfillmentCancellationItem = {
  __typename?: 'FulfillmentCancellationItem';
  /** The fulfillment order item asked to be cancelled. */
  fulfillmentOrderItem?: Maybe<FulfillmentOrderItem>;
  /** The fulfillment order item. */
  fulfillmentOrderItemId: Scalars['ID']['output'];
  /** Inventory item id. */
  inventoryItemId?: Maybe<Scalars['String']['output']>;
  /** Units requested. */
  quantity: Scalars['Int']['output'];
  /** Units the fulfiller agreed to cancel; below quantity means partly approved. */
  quantityAccepted?: Maybe<Scalars['Int']['output']>;
  /** Item state; UNKNOWN for a state this gateway does not know. */
  state: FulfillmentCancellationState;
};

/** State of a fulfillment cancellation or of one of its items. */
export type FulfillmentCancellationState =
  /** The fulfiller approved (perhaps for fewer units: see quantityAccepted). */
  | 'ACCEPTED'
  /** Sent to the fulfiller; not yet decided. */
  | 'PENDING'
  /** The fulfiller declined. */
  | 'REJECTED'
  /** A state this gateway does not know yet (logged). */
  | 'UNKNOWN';

/** Units of one order item fulfilled or cancelled by a fulfillment. */
export type FulfillmentItem = {
  __typename?: 'FulfillmentItem';
  /** Units cancelled; 0 when none. */
  cancelQuantity: Scalars['Int']['output'];
  /** The order item id. */
  itemId: Scalars['ID']['output'];
  /** The order line fulfilled or cancelled. */
  orderItem?: Maybe<OrderItem>;
  /** Units fulfilled (captured); 0 when none. */
  quantity: Scalars['Int']['output'];
  /** Shipment item id (distributed model). */
  shipmentItemId?: Maybe<Scalars['ID']['output']>;
  /** SKU id, echoed by upstream. */
  skuId?: Maybe<Scalars['String']['output']>;
};

/** A request to Digital River's logistics service to ship an order's physical items. */
export type FulfillmentOrder = {
  __typename?: 'FulfillmentOrder';
  /** Cancellations requested against this fulfillment order (read from the order-wide load: no call per fulfillment order). */
  cancellations: Array<FulfillmentCancellation>;
  /** When it was created. */
  createdTime?: Maybe<Scalars['DateTime']['output']>;
  /** ISO 4217 currency code. */
  currency?: Maybe<Scalars['String']['output']>;
  /** Fulfillment order id. */
  id: Scalars['ID']['output'];
  /** Lines with their unit counts. */
  items: Array<FulfillmentOrderItem>;
  /** True in live mode. */
  liveMode: Scalars['Boolean']['output'];
  /** The order this fulfillment order ships. */
  order?: Maybe<Order>;
  /** State; UNKNOWN for a state this gateway does not know. */
  state: FulfillmentOrderState;
  /** The order id this fulfillment order ships. */
  upstreamId?: Maybe<Scalars['String']['output']>;
};

/** One line of a fulfillment order; the counts always sum to quantity. */
export type FulfillmentOrderItem = {
  __typename?: 'FulfillmentOrderItem';
  /** Units awaiting restock. */
  backordered: Scalars['Int']['output'];
  /** Units a customer may still ask to cancel: pending + backordered, less what open (pending) cancellations already ask for. */
  cancellableQuantity: Scalars['Int']['output'];
  /** Units cancelled. */
  cancelled: Scalars['Int']['output'];
  /** Fulfillment order item id (used by cancellations). */
  id: Scalars['ID']['output'];
  /** Inventory item id. */
  inventoryItemId?: Maybe<Scalars['String']['output']>;
  /** Product name. */
  name?: Maybe<Scalars['String']['output']>;
  /** The order line this item ships. */
  orderItem?: Maybe<OrderItem>;
  /** Units not yet shipped. */
  pending: Scalars['Int']['output'];
  /** Units originally purchased. */
  quantity: Scalars['Int']['output'];
  /** Units returned. */
  returned: Scalars['Int']['output'];
  /** Units shipped. */
  shipped: Scalars['Int']['output'];
  /** Line state; UNKNOWN for a state this gateway does not know. */
  state: FulfillmentOrderItemState;
  /** The order item id this line ships. */
  upstreamId?: Maybe<Scalars['String']['output']>;
};

/** State of one line of a fulfillment order; the unit counts, not the state, say what is cancellable. */
export type FulfillmentOrderItemState =
  /** Awaiting restock. */
  | 'BACKORDERED'
  /** Cancelled. */
  | 'CANCELLED'
  /** Not yet shipped. */
  | 'PENDING'
  /** Some or all units shipped. */
  | 'SHIPPED'
  /** A state this gateway does not know yet (logged). */
  | 'UNKNOWN';

/** State of a fulfillment order. */
export type FulfillmentOrderState =
  /** Cancelled by the customer, the client or the fulfiller. */
  | 'CANCELLED'
  /** Queued; nothing shipped yet. */
  | 'PENDING'
  /** Some or all units shipped. */
  | 'SHIPPED'
  /** A state this gateway does not know yet (logged). */
  | 'UNKNOWN';

/** A customer order: items, totals, payment and, through links, its fulfillment. */
export type Order = {
  __typename?: 'Order';
  /** Captured minus refunded, as upstream reports it. */
  availableToRefundAmount?: Maybe<Scalars['Float']['output']>;
  /** Billing contact. */
  billTo?: Maybe<Contact>;
  /** Running total of cancels. */
  cancelledAmount?: Maybe<Scalars['Float']['output']>;
  /** Running total of captures. */
  capturedAmount?: Maybe<Scalars['Float']['output']>;
  /** Payment authorisations, one per source (embedded in the order; no extra call). */
  charges: Array<Charge>;
  /** When the order was created. */
  createdTime: Scalars['DateTime']['output'];
  /** ISO 4217 currency code. */
  currency: Scalars['String']['output'];
  /** Customer id; null for guest checkouts. */
  customerId?: Maybe<Scalars['String']['output']>;
  /** Customer email. */
  email?: Maybe<Scalars['String']['output']>;
  /** Every fulfillment cancellation requested for this order. */
  fulfillmentCancellations: Array<FulfillmentCancellation>;
  /** Fulfillment orders that ship this order. */
  fulfillmentOrders: Array<FulfillmentOrder>;
  /** Fulfillments of the order (one upstream call per order: upstream filters fulfillments by a single orderId). */
  fulfillments: Array<Fulfillment>;
  /** Upstream order id. */
  id: Scalars['ID']['output'];
  /** The order's lines. */
  items: Array<OrderItem>;
  /** True in live mode, false in test mode. */
  liveMode: Scalars['Boolean']['output'];
  /** Locale, e.g. en_US. */
  locale?: Maybe<Scalars['String']['output']>;
  /** Merchant metadata key/value map. */
  metadata?: Maybe<Scalars['JSON']['output']>;
  /** Running total of refunds; null until a refund exists. */
  refundedAmount?: Maybe<Scalars['Float']['output']>;
  /** Shipping contact; null for purely digital orders. */
  shipTo?: Maybe<Contact>;
  /** Payment sources of the order (embedded in the order; no extra call). */
  sources: Array<Source>;
  /** Order state; UNKNOWN for a state this gateway does not know. */
  state: OrderState;
  /** Total before tax (upstream includes shipping in it). */
  subtotal?: Maybe<Scalars['Float']['output']>;
  /** Order total, major currency units; never changes after creation. */
  totalAmount: Scalars['Float']['output'];
  /** Total discount. */
  totalDiscount?: Maybe<Scalars['Float']['output']>;
  /** Total duty. */
  totalDuty?: Maybe<Scalars['Float']['output']>;
  /** Total fees. */
  totalFees?: Maybe<Scalars['Float']['output']>;
  /** Total shipping. */
  totalShipping?: Maybe<Scalars['Float']['output']>;
  /** Total tax. */
  totalTax?: Maybe<Scalars['Float']['output']>;
  /** When the order last changed. */
  updatedTime?: Maybe<Scalars['DateTime']['output']>;
  /** The merchant's own order id, when set. */
  upstreamId?: Maybe<Scalars['String']['output']>;
};

/** A page of orders, newest first. */
export type OrderConnection = {
  __typename?: 'OrderConnection';
  /** Items with their cursors. */
  edges: Array<OrderEdge>;
  /** The items alone. */
  nodes: Array<Order>;
  /** Paging information. */
  pageInfo: PageInfo;
};

/** One order and its cursor. */
export type OrderEdge = {
  __typename?: 'OrderEdge';
  /** Opaque cursor of this item. */
  cursor: Scalars['String']['output'];
  /** The order. */
  node: Order;
};

/** Narrows `orders`; all given conditions must hold. */
export type OrderFilter = {
  /** Only this customer's orders. */
  customerId?: InputMaybe<Scalars['ID']['input']>;
  /** Only these order ids (at most 100). */
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Only orders in this state (UNKNOWN is not a filter). */
  state?: InputMaybe<OrderState>;
  /** Only orders with these merchant order ids (at most 100). */
  upstreamIds?: InputMaybe<Array<Scalars['ID']['input']>>;
};

/** One line of an order. */
export type OrderItem = {
  __typename?: 'OrderItem';
  /** Price of the whole line (all units), major currency units. */
  amount: Scalars['Float']['output'];
  /** Amount still refundable on this line, as upstream reports it. */
  availableToRefundAmount?: Maybe<Scalars['Float']['output']>;
  /** Line item id (used as a fulfillment item's itemId). */
  id: Scalars['ID']['output'];
  /** Product description from the item's product details. */
  productDescription?: Maybe<Scalars['String']['output']>;
  /** Product name from the item's product details. */
  productName?: Maybe<Scalars['String']['output']>;
  /** Units ordered. */
  quantity: Scalars['Int']['output'];
  /** SKU id; absent for orders built from product details. */
  skuId?: Maybe<Scalars['String']['output']>;
  /** Upstream item state, e.g. created, fulfilled, cancelled. */
  state?: Maybe<Scalars['String']['output']>;
};

/** Where an order is in its life cycle (upstream `state`, upper-cased). */
export type OrderState =
  /** Ready to fulfil. */
  | 'ACCEPTED'
  /** Blocked by fraud review or screening; terminal. */
  | 'BLOCKED'
  /** Everything cancelled; every charge is cancelled. */
  | 'CANCELLED'
  /** Fulfilled and the charges settled. */
  | 'COMPLETE'
  /** A charge is disputed (chargeback). */
  | 'DISPUTE'
  /** Every unit fulfilled, or fulfilled with the rest cancelled. */
  | 'FULFILLED'
  /** Capturable, but a fraud or denied-party review is running; do not fulfil. */
  | 'IN_REVIEW'
  /** Payment not yet capturable (funds or redirect outstanding). */
  | 'PENDING_PAYMENT'
  /** Returned or refunded in full. */
  | 'RETURNED'
  /** A state this gateway does not know yet (logged). */
  | 'UNKNOWN';

/** Where a page sits in the whole list. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last item; pass it as `after` for the next page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** True when more items follow endCursor. */
  hasNextPage: Scalars['Boolean']['output'];
  /** True when the page was asked for after a cursor, so items precede it. */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** Cursor of the first item of the page. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

export type Query = {
  __typename?: 'Query';
  /** One charge by id; null with NOT_FOUND when it does not exist. */
  charge?: Maybe<Charge>;
  /** One fulfillment by id; null with NOT_FOUND when it does not exist. */
  fulfillment?: Maybe<Fulfillment>;
  /** One fulfillment cancellation by id; null with NOT_FOUND when it does not exist. */
  fulfillmentCancellation?: Maybe<FulfillmentCancellation>;
  /** Fulfillment cancellations, newest first, one upstream page per call. */
  fulfillmentCancellations: FulfillmentCancellationConnection;
  /** One fulfillment order by id; null with NOT_FOUND when it does not exist. */
  fulfillmentOrder?: Maybe<FulfillmentOrder>;
  /** One order by id; null with NOT_FOUND when it does not exist. */
  order?: Maybe<Order>;
  /** Orders, newest first, one upstream page per call. */
  orders: OrderConnection;
  /** One payment source by id; null with NOT_FOUND when it does not exist. */
  source?: Maybe<Source>;
};


export type QueryChargeArgs = {
  id: Scalars['ID']['input'];
};


export type QueryFulfillmentArgs = {
  id: Scalars['ID']['input'];
};


export type QueryFulfillmentCancellationArgs = {
  id: Scalars['ID']['input'];
};


export type QueryFulfillmentCancellationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<FulfillmentCancellationFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryFulfillmentOrderArgs = {
  id: Scalars['ID']['input'];
};


export type QueryOrderArgs = {
  id: Scalars['ID']['input'];
};


export type QueryOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<OrderFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QuerySourceArgs = {
  id: Scalars['ID']['input'];
};

/** A payment source. Its clientSecret is never exposed. */
export type Source = {
  __typename?: 'Source';
  /** Amount this source contributes. */
  amount?: Maybe<Scalars['Float']['output']>;
  /** When the source was created. */
  createdTime?: Maybe<Scalars['DateTime']['output']>;
  /** Card details for creditCard and googlePay sources. */
  creditCard?: Maybe<CreditCard>;
  /** ISO 4217 currency code. */
  currency?: Maybe<Scalars['String']['output']>;
  /** Customer the source belongs to. */
  customerId?: Maybe<Scalars['String']['output']>;
  /** Source id. */
  id: Scalars['ID']['output'];
  /** True in live mode. */
  liveMode: Scalars['Boolean']['output'];
  /** Owner details. */
  owner?: Maybe<SourceOwner>;
  /** True once saved to a customer (absent on embedded copies). */
  reusable?: Maybe<Scalars['Boolean']['output']>;
  /** chargeable, consumed, … (absent on copies embedded in an order). */
  state?: Maybe<Scalars['String']['output']>;
  /** Payment method, e.g. creditCard, payPal, wireTransfer (an open set). */
  type: Scalars['String']['output'];
};

/** Who owns a payment source. */
export type SourceOwner = {
  __typename?: 'SourceOwner';
  /** Billing address. */
  address?: Maybe<Address>;
  /** Email. */
  email?: Maybe<Scalars['String']['output']>;
  /** First name. */
  firstName?: Maybe<Scalars['String']['output']>;
  /** Last name. */
  lastName?: Maybe<Scalars['String']['output']>;
  /** Organisation. */
  organization?: Maybe<Scalars['String']['output']>;
};

/** Narrows `fulfillmentCancellations`; all given conditions must hold. */
export type FulfillmentCancellationFilter = {
  /** Only cancellations of this fulfillment order. */
  fulfillmentOrderId?: string | number | null | undefined;
  /** Only these cancellation ids (at most 100). */
  ids?: Array<string | number> | null | undefined;
  /** Only cancellations in this state (UNKNOWN is not a filter). */
  state?: FulfillmentCancellationState | null | undefined;
  /** Only cancellations of these order ids (at most 100). */
  upstreamIds?: Array<string | number> | null | undefined;
};

/** State of a fulfillment cancellation or of one of its items. */
export type FulfillmentCancellationState =
  /** The fulfiller approved (perhaps for fewer units: see quantityAccepted). */
  | 'ACCEPTED'
  /** Sent to the fulfiller; not yet decided. */
  | 'PENDING'
  /** The fulfiller declined. */
  | 'REJECTED'
  /** A state this gateway does not know yet (logged). */
  | 'UNKNOWN';

/** State of one line of a fulfillment order; the unit counts, not the state, say what is cancellable. */
export type FulfillmentOrderItemState =
  /** Awaiting restock. */
  | 'BACKORDERED'
  /** Cancelled. */
  | 'CANCELLED'
  /** Not yet shipped. */
  | 'PENDING'
  /** Some or all units shipped. */
  | 'SHIPPED'
  /** A state this gateway does not know yet (logged). */
  | 'UNKNOWN';

/** State of a fulfillment order. */
export type FulfillmentOrderState =
  /** Cancelled by the customer, the client or the fulfiller. */
  | 'CANCELLED'
  /** Queued; nothing shipped yet. */
  | 'PENDING'
  /** Some or all units shipped. */
  | 'SHIPPED'
  /** A state this gateway does not know yet (logged). */
  | 'UNKNOWN';

/** Narrows `orders`; all given conditions must hold. */
export type OrderFilter = {
  /** Only this customer's orders. */
  customerId?: string | number | null | undefined;
  /** Only these order ids (at most 100). */
  ids?: Array<string | number> | null | undefined;
  /** Only orders in this state (UNKNOWN is not a filter). */
  state?: OrderState | null | undefined;
  /** Only orders with these merchant order ids (at most 100). */
  upstreamIds?: Array<string | number> | null | undefined;
};

/** Where an order is in its life cycle (upstream `state`, upper-cased). */
export type OrderState =
  /** Ready to fulfil. */
  | 'ACCEPTED'
  /** Blocked by fraud review or screening; terminal. */
  | 'BLOCKED'
  /** Everything cancelled; every charge is cancelled. */
  | 'CANCELLED'
  /** Fulfilled and the charges settled. */
  | 'COMPLETE'
  /** A charge is disputed (chargeback). */
  | 'DISPUTE'
  /** Every unit fulfilled, or fulfilled with the rest cancelled. */
  | 'FULFILLED'
  /** Capturable, but a fraud or denied-party review is running; do not fulfil. */
  | 'IN_REVIEW'
  /** Payment not yet capturable (funds or redirect outstanding). */
  | 'PENDING_PAYMENT'
  /** Returned or refunded in full. */
  | 'RETURNED'
  /** A state this gateway does not know yet (logged). */
  | 'UNKNOWN';

export type OrderDetailsQueryVariables = Exact<{
  id: string | number;
}>;


export type OrderDetailsQuery = { order: { id: string, upstreamId: string | null, customerId: string | null, email: string | null, locale: string | null, currency: string, state: OrderState, createdTime: string, updatedTime: string | null, totalAmount: number, subtotal: number | null, totalTax: number | null, totalShipping: number | null, totalDiscount: number | null, totalFees: number | null, totalDuty: number | null, capturedAmount: number | null, cancelledAmount: number | null, refundedAmount: number | null, availableToRefundAmount: number | null, liveMode: boolean, metadata: unknown, shipTo: { name: string | null, email: string | null, phone: string | null, address: { line1: string | null, line2: string | null, city: string | null, postalCode: string | null, state: string | null, country: string | null } | null } | null, billTo: { name: string | null, email: string | null, address: { country: string | null } | null } | null, items: Array<{ id: string, skuId: string | null, productName: string | null, productDescription: string | null, quantity: number, amount: number, state: string | null, availableToRefundAmount: number | null }>, charges: Array<{ id: string, orderId: string | null, sourceId: string | null, createdTime: string | null, currency: string, amount: number, state: string, type: string | null, captured: boolean, refunded: boolean, failureCode: string | null, failureMessage: string | null, liveMode: boolean, captures: Array<{ id: string, amount: number, state: string, fulfillmentId: string | null, createdTime: string | null }>, cancels: Array<{ id: string, amount: number, state: string }>, refunds: Array<{ id: string, amount: number, state: string }>, source: { id: string, type: string } | null }>, sources: Array<{ id: string, type: string, state: string | null, reusable: boolean | null, amount: number | null, currency: string | null, customerId: string | null, liveMode: boolean, owner: { firstName: string | null, lastName: string | null, email: string | null, address: { country: string | null } | null } | null, creditCard: { brand: string | null, lastFourDigits: string | null, expirationMonth: number | null, expirationYear: number | null } | null }>, fulfillments: Array<{ id: string, orderId: string, createdTime: string | null, shipmentId: string | null, trackingCompany: string | null, trackingNumber: string | null, trackingUrl: string | null, liveMode: boolean, items: Array<{ itemId: string, shipmentItemId: string | null, skuId: string | null, quantity: number, cancelQuantity: number, orderItem: { id: string } | null }> }>, fulfillmentOrders: Array<{ id: string, upstreamId: string | null, state: FulfillmentOrderState, createdTime: string | null, currency: string | null, liveMode: boolean, order: { id: string } | null, items: Array<{ id: string, upstreamId: string | null, inventoryItemId: string | null, name: string | null, quantity: number, pending: number, backordered: number, shipped: number, cancelled: number, returned: number, state: FulfillmentOrderItemState, cancellableQuantity: number, orderItem: { id: string } | null }>, cancellations: Array<{ id: string, fulfillmentOrderId: string, state: FulfillmentCancellationState }> }>, fulfillmentCancellations: Array<{ id: string, fulfillmentOrderId: string, upstreamId: string | null, reason: string | null, state: FulfillmentCancellationState, createdTime: string | null, liveMode: boolean, items: Array<{ fulfillmentOrderItemId: string, inventoryItemId: string | null, quantity: number, quantityAccepted: number | null, state: FulfillmentCancellationState }> }> } | null };

export type OrderPageQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
  filter?: OrderFilter | null | undefined;
}>;


export type OrderPageQuery = { orders: { nodes: Array<{ id: string, state: OrderState, totalAmount: number, currency: string, customerId: string | null, items: Array<{ id: string, quantity: number, productName: string | null }>, charges: Array<{ id: string, amount: number, state: string, captures: Array<{ id: string, amount: number }>, source: { id: string, type: string, creditCard: { brand: string | null, lastFourDigits: string | null } | null } | null }>, sources: Array<{ id: string, type: string }>, fulfillmentOrders: Array<{ id: string, state: FulfillmentOrderState, items: Array<{ id: string, state: FulfillmentOrderItemState, pending: number, backordered: number, cancellableQuantity: number }>, cancellations: Array<{ id: string, state: FulfillmentCancellationState, items: Array<{ quantity: number, quantityAccepted: number | null, state: FulfillmentCancellationState }> }> }>, fulfillmentCancellations: Array<{ id: string, state: FulfillmentCancellationState, createdTime: string | null }> }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string } }> } };

export type FulfillmentOrderByIdQueryVariables = Exact<{
  id: string | number;
}>;


export type FulfillmentOrderByIdQuery = { fulfillmentOrder: { id: string, upstreamId: string | null, state: FulfillmentOrderState, createdTime: string | null, currency: string | null, liveMode: boolean, order: { id: string, state: OrderState } | null, items: Array<{ id: string, upstreamId: string | null, quantity: number, pending: number, backordered: number, shipped: number, cancelled: number, returned: number, state: FulfillmentOrderItemState, cancellableQuantity: number, orderItem: { id: string, quantity: number } | null }>, cancellations: Array<{ id: string, state: FulfillmentCancellationState, items: Array<{ fulfillmentOrderItemId: string, quantity: number, quantityAccepted: number | null, state: FulfillmentCancellationState }> }> } | null };

export type FulfillmentCancellationByIdQueryVariables = Exact<{
  id: string | number;
}>;


export type FulfillmentCancellationByIdQuery = { fulfillmentCancellation: { id: string, fulfillmentOrderId: string, upstreamId: string | null, reason: string | null, state: FulfillmentCancellationState, createdTime: string | null, liveMode: boolean, fulfillmentOrder: { id: string, state: FulfillmentOrderState } | null, order: { id: string } | null, items: Array<{ fulfillmentOrderItemId: string, inventoryItemId: string | null, quantity: number, quantityAccepted: number | null, state: FulfillmentCancellationState, fulfillmentOrderItem: { id: string, quantity: number } | null }> } | null };

export type FulfillmentCancellationsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: FulfillmentCancellationFilter | null | undefined;
}>;


export type FulfillmentCancellationsQuery = { fulfillmentCancellations: { nodes: Array<{ id: string, fulfillmentOrderId: string, upstreamId: string | null, state: FulfillmentCancellationState, createdTime: string | null }>, edges: Array<{ cursor: string }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } };

export type ChargeByIdQueryVariables = Exact<{
  id: string | number;
}>;


export type ChargeByIdQuery = { charge: { id: string, orderId: string | null, sourceId: string | null, paymentSessionId: string | null, createdTime: string | null, currency: string, amount: number, state: string, type: string | null, captured: boolean, refunded: boolean, failureCode: string | null, failureMessage: string | null, liveMode: boolean, order: { id: string } | null, source: { id: string, type: string, state: string | null, reusable: boolean | null } | null, captures: Array<{ id: string, amount: number, state: string, fulfillmentId: string | null, fulfillment: { id: string } | null }>, cancels: Array<{ id: string, amount: number, state: string, failureCode: string | null, failureMessage: string | null }>, refunds: Array<{ id: string, amount: number, state: string }> } | null };

export type SourceByIdQueryVariables = Exact<{
  id: string | number;
}>;


export type SourceByIdQuery = { source: { id: string, type: string, state: string | null, reusable: boolean | null, amount: number | null, currency: string | null, createdTime: string | null, customerId: string | null, liveMode: boolean, owner: { firstName: string | null, lastName: string | null } | null, creditCard: { brand: string | null, lastFourDigits: string | null, expirationMonth: number | null, expirationYear: number | null } | null } | null };

export type FulfillmentByIdQueryVariables = Exact<{
  id: string | number;
}>;


export type FulfillmentByIdQuery = { fulfillment: { id: string, orderId: string, createdTime: string | null, shipmentId: string | null, trackingCompany: string | null, trackingNumber: string | null, trackingUrl: string | null, liveMode: boolean, order: { id: string, state: OrderState } | null, items: Array<{ itemId: string, skuId: string | null, quantity: number, cancelQuantity: number, orderItem: { id: string, quantity: number } | null }> } | null };


export const OrderDetailsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrderDetails"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"order"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamId"}},{"kind":"Field","name":{"kind":"Name","value":"customerId"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"createdTime"}},{"kind":"Field","name":{"kind":"Name","value":"updatedTime"}},{"kind":"Field","name":{"kind":"Name","value":"totalAmount"}},{"kind":"Field","name":{"kind":"Name","value":"subtotal"}},{"kind":"Field","name":{"kind":"Name","value":"totalTax"}},{"kind":"Field","name":{"kind":"Name","value":"totalShipping"}},{"kind":"Field","name":{"kind":"Name","value":"totalDiscount"}},{"kind":"Field","name":{"kind":"Name","value":"totalFees"}},{"kind":"Field","name":{"kind":"Name","value":"totalDuty"}},{"kind":"Field","name":{"kind":"Name","value":"capturedAmount"}},{"kind":"Field","name":{"kind":"Name","value":"cancelledAmount"}},{"kind":"Field","name":{"kind":"Name","value":"refundedAmount"}},{"kind":"Field","name":{"kind":"Name","value":"availableToRefundAmount"}},{"kind":"Field","name":{"kind":"Name","value":"liveMode"}},{"kind":"Field","name":{"kind":"Name","value":"metadata"}},{"kind":"Field","name":{"kind":"Name","value":"shipTo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"address"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"line1"}},{"kind":"Field","name":{"kind":"Name","value":"line2"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"billTo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"address"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"country"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"skuId"}},{"kind":"Field","name":{"kind":"Name","value":"productName"}},{"kind":"Field","name":{"kind":"Name","value":"productDescription"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"availableToRefundAmount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"charges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"sourceId"}},{"kind":"Field","name":{"kind":"Name","value":"createdTime"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"captured"}},{"kind":"Field","name":{"kind":"Name","value":"refunded"}},{"kind":"Field","name":{"kind":"Name","value":"failureCode"}},{"kind":"Field","name":{"kind":"Name","value":"failureMessage"}},{"kind":"Field","name":{"kind":"Name","value":"liveMode"}},{"kind":"Field","name":{"kind":"Name","value":"captures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"fulfillmentId"}},{"kind":"Field","name":{"kind":"Name","value":"createdTime"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cancels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}},{"kind":"Field","name":{"kind":"Name","value":"refunds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}},{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"sources"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"reusable"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"customerId"}},{"kind":"Field","name":{"kind":"Name","value":"liveMode"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"address"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"country"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"creditCard"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"brand"}},{"kind":"Field","name":{"kind":"Name","value":"lastFourDigits"}},{"kind":"Field","name":{"kind":"Name","value":"expirationMonth"}},{"kind":"Field","name":{"kind":"Name","value":"expirationYear"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"fulfillments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"createdTime"}},{"kind":"Field","name":{"kind":"Name","value":"shipmentId"}},{"kind":"Field","name":{"kind":"Name","value":"trackingCompany"}},{"kind":"Field","name":{"kind":"Name","value":"trackingNumber"}},{"kind":"Field","name":{"kind":"Name","value":"trackingUrl"}},{"kind":"Field","name":{"kind":"Name","value":"liveMode"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"itemId"}},{"kind":"Field","name":{"kind":"Name","value":"shipmentItemId"}},{"kind":"Field","name":{"kind":"Name","value":"skuId"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"cancelQuantity"}},{"kind":"Field","name":{"kind":"Name","value":"orderItem"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"fulfillmentOrders"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"createdTime"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"liveMode"}},{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamId"}},{"kind":"Field","name":{"kind":"Name","value":"inventoryItemId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"backordered"}},{"kind":"Field","name":{"kind":"Name","value":"shipped"}},{"kind":"Field","name":{"kind":"Name","value":"cancelled"}},{"kind":"Field","name":{"kind":"Name","value":"returned"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"cancellableQuantity"}},{"kind":"Field","name":{"kind":"Name","value":"orderItem"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"cancellations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fulfillmentOrderId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"fulfillmentCancellations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fulfillmentOrderId"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamId"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"createdTime"}},{"kind":"Field","name":{"kind":"Name","value":"liveMode"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fulfillmentOrderItemId"}},{"kind":"Field","name":{"kind":"Name","value":"inventoryItemId"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"quantityAccepted"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]}}]}}]} as unknown as DocumentNode<OrderDetailsQuery, OrderDetailsQueryVariables>;
export const OrderPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrderPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"OrderFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"totalAmount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"customerId"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"productName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"charges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"captures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"creditCard"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"brand"}},{"kind":"Field","name":{"kind":"Name","value":"lastFourDigits"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"sources"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fulfillmentOrders"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"backordered"}},{"kind":"Field","name":{"kind":"Name","value":"cancellableQuantity"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cancellations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"quantityAccepted"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"fulfillmentCancellations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"createdTime"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<OrderPageQuery, OrderPageQueryVariables>;
export const FulfillmentOrderByIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FulfillmentOrderById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fulfillmentOrder"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"createdTime"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"liveMode"}},{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamId"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"backordered"}},{"kind":"Field","name":{"kind":"Name","value":"shipped"}},{"kind":"Field","name":{"kind":"Name","value":"cancelled"}},{"kind":"Field","name":{"kind":"Name","value":"returned"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"cancellableQuantity"}},{"kind":"Field","name":{"kind":"Name","value":"orderItem"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"cancellations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fulfillmentOrderItemId"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"quantityAccepted"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]}}]}}]} as unknown as DocumentNode<FulfillmentOrderByIdQuery, FulfillmentOrderByIdQueryVariables>;
export const FulfillmentCancellationByIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FulfillmentCancellationById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fulfillmentCancellation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fulfillmentOrderId"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamId"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"createdTime"}},{"kind":"Field","name":{"kind":"Name","value":"liveMode"}},{"kind":"Field","name":{"kind":"Name","value":"fulfillmentOrder"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}},{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fulfillmentOrderItemId"}},{"kind":"Field","name":{"kind":"Name","value":"inventoryItemId"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"quantityAccepted"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"fulfillmentOrderItem"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}}]}}]}}]}}]}}]} as unknown as DocumentNode<FulfillmentCancellationByIdQuery, FulfillmentCancellationByIdQueryVariables>;
export const FulfillmentCancellationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FulfillmentCancellations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"FulfillmentCancellationFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fulfillmentCancellations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fulfillmentOrderId"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"createdTime"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<FulfillmentCancellationsQuery, FulfillmentCancellationsQueryVariables>;
export const ChargeByIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ChargeById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"charge"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"sourceId"}},{"kind":"Field","name":{"kind":"Name","value":"paymentSessionId"}},{"kind":"Field","name":{"kind":"Name","value":"createdTime"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"captured"}},{"kind":"Field","name":{"kind":"Name","value":"refunded"}},{"kind":"Field","name":{"kind":"Name","value":"failureCode"}},{"kind":"Field","name":{"kind":"Name","value":"failureMessage"}},{"kind":"Field","name":{"kind":"Name","value":"liveMode"}},{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"reusable"}}]}},{"kind":"Field","name":{"kind":"Name","value":"captures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"fulfillmentId"}},{"kind":"Field","name":{"kind":"Name","value":"fulfillment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"cancels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"failureCode"}},{"kind":"Field","name":{"kind":"Name","value":"failureMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"refunds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]}}]} as unknown as DocumentNode<ChargeByIdQuery, ChargeByIdQueryVariables>;
export const SourceByIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SourceById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"reusable"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"createdTime"}},{"kind":"Field","name":{"kind":"Name","value":"customerId"}},{"kind":"Field","name":{"kind":"Name","value":"liveMode"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"creditCard"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"brand"}},{"kind":"Field","name":{"kind":"Name","value":"lastFourDigits"}},{"kind":"Field","name":{"kind":"Name","value":"expirationMonth"}},{"kind":"Field","name":{"kind":"Name","value":"expirationYear"}}]}}]}}]}}]} as unknown as DocumentNode<SourceByIdQuery, SourceByIdQueryVariables>;
export const FulfillmentByIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FulfillmentById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fulfillment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"createdTime"}},{"kind":"Field","name":{"kind":"Name","value":"shipmentId"}},{"kind":"Field","name":{"kind":"Name","value":"trackingCompany"}},{"kind":"Field","name":{"kind":"Name","value":"trackingNumber"}},{"kind":"Field","name":{"kind":"Name","value":"trackingUrl"}},{"kind":"Field","name":{"kind":"Name","value":"liveMode"}},{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"itemId"}},{"kind":"Field","name":{"kind":"Name","value":"skuId"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"cancelQuantity"}},{"kind":"Field","name":{"kind":"Name","value":"orderItem"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}}]}}]}}]}}]}}]} as unknown as DocumentNode<FulfillmentByIdQuery, FulfillmentByIdQueryVariables>;