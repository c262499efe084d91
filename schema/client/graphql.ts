/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Asks the fulfiller to cancel units of a fulfillment order. */
export type CreateFulfillmentCancellationInput = {
  /** The fulfillment order to cancel from. */
  fulfillmentOrderId: string | number;
  /** Same key, same result: a retried request never cancels twice (kept 24 hours per caller). */
  idempotencyKey?: string | null | undefined;
  /** Units per item; at least one. */
  items: Array<FulfillmentCancellationItemInput>;
  /** Free-text reason, e.g. requested_by_customer. */
  reason?: string | null | undefined;
  /** The order id; defaults to the fulfillment order's. */
  upstreamId?: string | number | null | undefined;
};

/** Reports units of an order shipped and/or cancelled. */
export type CreateFulfillmentInput = {
  /** Same key, same result: a retried request never captures twice (kept 24 hours per caller). */
  idempotencyKey?: string | null | undefined;
  /** Units per order item; at least one. */
  items: Array<FulfillmentItemInput>;
  /** The order. */
  orderId: string | number;
  /** Shipment id (distributed model). */
  shipmentId?: string | null | undefined;
  /** Carrier name. */
  trackingCompany?: string | null | undefined;
  /** Carrier tracking number. */
  trackingNumber?: string | null | undefined;
  /** Carrier tracking page. */
  trackingUrl?: string | null | undefined;
};

/** Units of one fulfillment order item to cancel. */
export type FulfillmentCancellationItemInput = {
  /** The fulfillment order item. */
  fulfillmentOrderItemId: string | number;
  /** Units to cancel: at least 1, at most the item's cancellableQuantity. */
  quantity: number;
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

/** Units of one order item fulfilled (captured) and/or cancelled. */
export type FulfillmentItemInput = {
  /** Units cancelled (authorisation released). */
  cancelQuantity?: number | null | undefined;
  /** The order item id. */
  itemId: string | number;
  /** Units shipped (captured). */
  quantity?: number | null | undefined;
  /** Distributed model: the shipment item reported by fulfillment_order.shipped. */
  shipmentItemId?: string | number | null | undefined;
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

export type CreateFulfillmentCancellationMutationVariables = Exact<{
  input: CreateFulfillmentCancellationInput;
}>;


export type CreateFulfillmentCancellationMutation = { createFulfillmentCancellation: { fulfillmentCancellation: { id: string, state: FulfillmentCancellationState, reason: string | null, createdTime: string | null, fulfillmentOrderId: string, items: Array<{ fulfillmentOrderItemId: string, quantity: number, quantityAccepted: number | null, state: FulfillmentCancellationState }> } | null, userErrors: Array<{ field: Array<string> | null, code: string, message: string }> } };

export type CreateFulfillmentMutationVariables = Exact<{
  input: CreateFulfillmentInput;
}>;


export type CreateFulfillmentMutation = { createFulfillment: { fulfillment: { id: string, orderId: string, createdTime: string | null, trackingCompany: string | null, trackingNumber: string | null, trackingUrl: string | null, items: Array<{ itemId: string, quantity: number, cancelQuantity: number }> } | null, userErrors: Array<{ field: Array<string> | null, code: string, message: string }> } };

export type CancellationFieldsFragment = { id: string, state: FulfillmentCancellationState, reason: string | null, createdTime: string | null, fulfillmentOrderId: string, items: Array<{ fulfillmentOrderItemId: string, quantity: number, quantityAccepted: number | null, state: FulfillmentCancellationState }> };

export type OrderDetailFieldsFragment = { id: string, upstreamId: string | null, state: OrderState, currency: string, totalAmount: number, createdTime: string, updatedTime: string | null, items: Array<{ id: string, productName: string | null, quantity: number, amount: number, state: string | null }>, fulfillmentOrders: Array<{ id: string, state: FulfillmentOrderState, items: Array<{ id: string, name: string | null, quantity: number, pending: number, backordered: number, shipped: number, cancelled: number, state: FulfillmentOrderItemState, cancellableQuantity: number, orderItem: { id: string, productName: string | null } | null }>, cancellations: Array<{ id: string, state: FulfillmentCancellationState, reason: string | null, createdTime: string | null, fulfillmentOrderId: string, items: Array<{ fulfillmentOrderItemId: string, quantity: number, quantityAccepted: number | null, state: FulfillmentCancellationState }> }> | null }> | null };

export type FulfillmentCancellationUpdatedSubscriptionVariables = Exact<{
  id?: string | number | null | undefined;
  orderId?: string | number | null | undefined;
  fulfillmentOrderId?: string | number | null | undefined;
}>;


export type FulfillmentCancellationUpdatedSubscription = { fulfillmentCancellationUpdated: { eventId: string, type: string, occurredAt: string, previousState: FulfillmentCancellationState | null, fulfillmentCancellation: { id: string, state: FulfillmentCancellationState, reason: string | null, createdTime: string | null, fulfillmentOrderId: string, fulfillmentOrder: { id: string, state: FulfillmentOrderState, items: Array<{ id: string, pending: number, cancelled: number, cancellableQuantity: number }> } | null, items: Array<{ fulfillmentOrderItemId: string, quantity: number, quantityAccepted: number | null, state: FulfillmentCancellationState }> } } };

export type OrderDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type OrderDetailQuery = { order: { id: string, upstreamId: string | null, state: OrderState, currency: string, totalAmount: number, createdTime: string, updatedTime: string | null, items: Array<{ id: string, productName: string | null, quantity: number, amount: number, state: string | null }>, fulfillmentOrders: Array<{ id: string, state: FulfillmentOrderState, items: Array<{ id: string, name: string | null, quantity: number, pending: number, backordered: number, shipped: number, cancelled: number, state: FulfillmentOrderItemState, cancellableQuantity: number, orderItem: { id: string, productName: string | null } | null }>, cancellations: Array<{ id: string, state: FulfillmentCancellationState, reason: string | null, createdTime: string | null, fulfillmentOrderId: string, items: Array<{ fulfillmentOrderItemId: string, quantity: number, quantityAccepted: number | null, state: FulfillmentCancellationState }> }> | null }> | null } | null };

export type OrderPageQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
  filter?: OrderFilter | null | undefined;
}>;


export type OrderPageQuery = { orders: { nodes: Array<{ id: string, state: OrderState, currency: string, totalAmount: number, createdTime: string, items: Array<{ id: string, productName: string | null, quantity: number }>, fulfillmentOrders: Array<{ id: string, state: FulfillmentOrderState, items: Array<{ id: string, cancellableQuantity: number }> }> | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type OrderUpdatedSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type OrderUpdatedSubscription = { orderUpdated: { eventId: string, type: string, occurredAt: string, orderId: string, order: { id: string, upstreamId: string | null, state: OrderState, currency: string, totalAmount: number, createdTime: string, updatedTime: string | null, items: Array<{ id: string, productName: string | null, quantity: number, amount: number, state: string | null }>, fulfillmentOrders: Array<{ id: string, state: FulfillmentOrderState, items: Array<{ id: string, name: string | null, quantity: number, pending: number, backordered: number, shipped: number, cancelled: number, state: FulfillmentOrderItemState, cancellableQuantity: number, orderItem: { id: string, productName: string | null } | null }>, cancellations: Array<{ id: string, state: FulfillmentCancellationState, reason: string | null, createdTime: string | null, fulfillmentOrderId: string, items: Array<{ fulfillmentOrderItemId: string, quantity: number, quantityAccepted: number | null, state: FulfillmentCancellationState }> }> | null }> | null } | null } };

export const CancellationFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CancellationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FulfillmentCancellation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"createdTime"}},{"kind":"Field","name":{"kind":"Name","value":"fulfillmentOrderId"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fulfillmentOrderItemId"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"quantityAccepted"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]} as unknown as DocumentNode<CancellationFieldsFragment, unknown>;
export const OrderDetailFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrderDetailFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Order"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"totalAmount"}},{"kind":"Field","name":{"kind":"Name","value":"createdTime"}},{"kind":"Field","name":{"kind":"Name","value":"updatedTime"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"productName"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fulfillmentOrders"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"backordered"}},{"kind":"Field","name":{"kind":"Name","value":"shipped"}},{"kind":"Field","name":{"kind":"Name","value":"cancelled"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"cancellableQuantity"}},{"kind":"Field","name":{"kind":"Name","value":"orderItem"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"productName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"cancellations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CancellationFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CancellationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FulfillmentCancellation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"createdTime"}},{"kind":"Field","name":{"kind":"Name","value":"fulfillmentOrderId"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fulfillmentOrderItemId"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"quantityAccepted"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]} as unknown as DocumentNode<OrderDetailFieldsFragment, unknown>;
export const CreateFulfillmentCancellationDocument = {"__meta__":{"hash":"sha256:efaaaee0eb8336b2ef065d648bde0241f0d0584021cade5e07747cbfbb60a647"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateFulfillmentCancellation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateFulfillmentCancellationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createFulfillmentCancellation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fulfillmentCancellation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CancellationFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CancellationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FulfillmentCancellation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"createdTime"}},{"kind":"Field","name":{"kind":"Name","value":"fulfillmentOrderId"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fulfillmentOrderItemId"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"quantityAccepted"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]} as unknown as DocumentNode<CreateFulfillmentCancellationMutation, CreateFulfillmentCancellationMutationVariables>;
export const CreateFulfillmentDocument = {"__meta__":{"hash":"sha256:ca4d0d84c20601cc4b6b2fdb16707ab8fd69387aa3684b5dc9c5625a0bacf014"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateFulfillment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateFulfillmentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createFulfillment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fulfillment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"createdTime"}},{"kind":"Field","name":{"kind":"Name","value":"trackingCompany"}},{"kind":"Field","name":{"kind":"Name","value":"trackingNumber"}},{"kind":"Field","name":{"kind":"Name","value":"trackingUrl"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"itemId"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"cancelQuantity"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<CreateFulfillmentMutation, CreateFulfillmentMutationVariables>;
export const FulfillmentCancellationUpdatedDocument = {"__meta__":{"hash":"sha256:db753d844fa0f5bacc6f5a28143a2024269eeba0cb0046a42087f77e97f32a21"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"FulfillmentCancellationUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"fulfillmentOrderId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fulfillmentCancellationUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderId"}}},{"kind":"Argument","name":{"kind":"Name","value":"fulfillmentOrderId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"fulfillmentOrderId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"previousState"}},{"kind":"Field","name":{"kind":"Name","value":"fulfillmentCancellation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CancellationFields"}},{"kind":"Field","name":{"kind":"Name","value":"fulfillmentOrder"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"cancelled"}},{"kind":"Field","name":{"kind":"Name","value":"cancellableQuantity"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CancellationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FulfillmentCancellation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"createdTime"}},{"kind":"Field","name":{"kind":"Name","value":"fulfillmentOrderId"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fulfillmentOrderItemId"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"quantityAccepted"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]} as unknown as DocumentNode<FulfillmentCancellationUpdatedSubscription, FulfillmentCancellationUpdatedSubscriptionVariables>;
export const OrderDetailDocument = {"__meta__":{"hash":"sha256:4c6267efd4edabbb4cd0d51711704ecd9053da3d9d7543b6ee02e0cc492a3373"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrderDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"order"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrderDetailFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CancellationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FulfillmentCancellation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"createdTime"}},{"kind":"Field","name":{"kind":"Name","value":"fulfillmentOrderId"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fulfillmentOrderItemId"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"quantityAccepted"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrderDetailFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Order"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"totalAmount"}},{"kind":"Field","name":{"kind":"Name","value":"createdTime"}},{"kind":"Field","name":{"kind":"Name","value":"updatedTime"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"productName"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fulfillmentOrders"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"backordered"}},{"kind":"Field","name":{"kind":"Name","value":"shipped"}},{"kind":"Field","name":{"kind":"Name","value":"cancelled"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"cancellableQuantity"}},{"kind":"Field","name":{"kind":"Name","value":"orderItem"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"productName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"cancellations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CancellationFields"}}]}}]}}]}}]} as unknown as DocumentNode<OrderDetailQuery, OrderDetailQueryVariables>;
export const OrderPageDocument = {"__meta__":{"hash":"sha256:96a4d2745e670c5b38a070eedbcd43e506feb41e965568c128119ff136c77df8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrderPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"OrderFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"totalAmount"}},{"kind":"Field","name":{"kind":"Name","value":"createdTime"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"productName"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fulfillmentOrders"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cancellableQuantity"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<OrderPageQuery, OrderPageQueryVariables>;
export const OrderUpdatedDocument = {"__meta__":{"hash":"sha256:96c48bf33f7928edf9704377c5e9be37ffd6d4ab97a7f0347a2f7386e274333f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"OrderUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrderDetailFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CancellationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FulfillmentCancellation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"createdTime"}},{"kind":"Field","name":{"kind":"Name","value":"fulfillmentOrderId"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fulfillmentOrderItemId"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"quantityAccepted"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrderDetailFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Order"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"totalAmount"}},{"kind":"Field","name":{"kind":"Name","value":"createdTime"}},{"kind":"Field","name":{"kind":"Name","value":"updatedTime"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"productName"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fulfillmentOrders"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"backordered"}},{"kind":"Field","name":{"kind":"Name","value":"shipped"}},{"kind":"Field","name":{"kind":"Name","value":"cancelled"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"cancellableQuantity"}},{"kind":"Field","name":{"kind":"Name","value":"orderItem"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"productName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"cancellations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CancellationFields"}}]}}]}}]}}]} as unknown as DocumentNode<OrderUpdatedSubscription, OrderUpdatedSubscriptionVariables>;