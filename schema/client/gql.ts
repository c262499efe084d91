/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "mutation CreateFulfillmentCancellation($input: CreateFulfillmentCancellationInput!) {\n  createFulfillmentCancellation(input: $input) {\n    fulfillmentCancellation {\n      ...CancellationFields\n    }\n    userErrors {\n      field\n      code\n      message\n    }\n  }\n}": typeof types.CreateFulfillmentCancellationDocument,
    "mutation CreateFulfillment($input: CreateFulfillmentInput!) {\n  createFulfillment(input: $input) {\n    fulfillment {\n      id\n      orderId\n      createdTime\n      trackingCompany\n      trackingNumber\n      trackingUrl\n      items {\n        itemId\n        quantity\n        cancelQuantity\n      }\n    }\n    userErrors {\n      field\n      code\n      message\n    }\n  }\n}": typeof types.CreateFulfillmentDocument,
    "fragment CancellationFields on FulfillmentCancellation {\n  id\n  state\n  reason\n  createdTime\n  fulfillmentOrderId\n  items {\n    fulfillmentOrderItemId\n    quantity\n    quantityAccepted\n    state\n  }\n}\n\nfragment OrderDetailFields on Order {\n  id\n  upstreamId\n  state\n  currency\n  totalAmount\n  createdTime\n  updatedTime\n  items {\n    id\n    productName\n    quantity\n    amount\n    state\n  }\n  fulfillmentOrders {\n    id\n    state\n    items {\n      id\n      name\n      quantity\n      pending\n      backordered\n      shipped\n      cancelled\n      state\n      cancellableQuantity\n      orderItem {\n        id\n        productName\n      }\n    }\n    cancellations {\n      ...CancellationFields\n    }\n  }\n}": typeof types.CancellationFieldsFragmentDoc,
    "subscription FulfillmentCancellationUpdated($id: ID, $orderId: ID, $fulfillmentOrderId: ID) {\n  fulfillmentCancellationUpdated(\n    id: $id\n    orderId: $orderId\n    fulfillmentOrderId: $fulfillmentOrderId\n  ) {\n    eventId\n    type\n    occurredAt\n    previousState\n    fulfillmentCancellation {\n      ...CancellationFields\n      fulfillmentOrder {\n        id\n        state\n        items {\n          id\n          pending\n          cancelled\n          cancellableQuantity\n        }\n      }\n    }\n  }\n}": typeof types.FulfillmentCancellationUpdatedDocument,
    "query OrderDetail($id: ID!) {\n  order(id: $id) {\n    ...OrderDetailFields\n  }\n}": typeof types.OrderDetailDocument,
    "query OrderPage($first: Int!, $after: String, $filter: OrderFilter) {\n  orders(first: $first, after: $after, filter: $filter) {\n    nodes {\n      id\n      state\n      currency\n      totalAmount\n      createdTime\n      items {\n        id\n        productName\n        quantity\n      }\n      fulfillmentOrders {\n        id\n        state\n        items {\n          id\n          cancellableQuantity\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.OrderPageDocument,
    "subscription OrderUpdated($id: ID!) {\n  orderUpdated(id: $id) {\n    eventId\n    type\n    occurredAt\n    orderId\n    order {\n      ...OrderDetailFields\n    }\n  }\n}": typeof types.OrderUpdatedDocument,
};
const documents: Documents = {
    "mutation CreateFulfillmentCancellation($input: CreateFulfillmentCancellationInput!) {\n  createFulfillmentCancellation(input: $input) {\n    fulfillmentCancellation {\n      ...CancellationFields\n    }\n    userErrors {\n      field\n      code\n      message\n    }\n  }\n}": types.CreateFulfillmentCancellationDocument,
    "mutation CreateFulfillment($input: CreateFulfillmentInput!) {\n  createFulfillment(input: $input) {\n    fulfillment {\n      id\n      orderId\n      createdTime\n      trackingCompany\n      trackingNumber\n      trackingUrl\n      items {\n        itemId\n        quantity\n        cancelQuantity\n      }\n    }\n    userErrors {\n      field\n      code\n      message\n    }\n  }\n}": types.CreateFulfillmentDocument,
    "fragment CancellationFields on FulfillmentCancellation {\n  id\n  state\n  reason\n  createdTime\n  fulfillmentOrderId\n  items {\n    fulfillmentOrderItemId\n    quantity\n    quantityAccepted\n    state\n  }\n}\n\nfragment OrderDetailFields on Order {\n  id\n  upstreamId\n  state\n  currency\n  totalAmount\n  createdTime\n  updatedTime\n  items {\n    id\n    productName\n    quantity\n    amount\n    state\n  }\n  fulfillmentOrders {\n    id\n    state\n    items {\n      id\n      name\n      quantity\n      pending\n      backordered\n      shipped\n      cancelled\n      state\n      cancellableQuantity\n      orderItem {\n        id\n        productName\n      }\n    }\n    cancellations {\n      ...CancellationFields\n    }\n  }\n}": types.CancellationFieldsFragmentDoc,
    "subscription FulfillmentCancellationUpdated($id: ID, $orderId: ID, $fulfillmentOrderId: ID) {\n  fulfillmentCancellationUpdated(\n    id: $id\n    orderId: $orderId\n    fulfillmentOrderId: $fulfillmentOrderId\n  ) {\n    eventId\n    type\n    occurredAt\n    previousState\n    fulfillmentCancellation {\n      ...CancellationFields\n      fulfillmentOrder {\n        id\n        state\n        items {\n          id\n          pending\n          cancelled\n          cancellableQuantity\n        }\n      }\n    }\n  }\n}": types.FulfillmentCancellationUpdatedDocument,
    "query OrderDetail($id: ID!) {\n  order(id: $id) {\n    ...OrderDetailFields\n  }\n}": types.OrderDetailDocument,
    "query OrderPage($first: Int!, $after: String, $filter: OrderFilter) {\n  orders(first: $first, after: $after, filter: $filter) {\n    nodes {\n      id\n      state\n      currency\n      totalAmount\n      createdTime\n      items {\n        id\n        productName\n        quantity\n      }\n      fulfillmentOrders {\n        id\n        state\n        items {\n          id\n          cancellableQuantity\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.OrderPageDocument,
    "subscription OrderUpdated($id: ID!) {\n  orderUpdated(id: $id) {\n    eventId\n    type\n    occurredAt\n    orderId\n    order {\n      ...OrderDetailFields\n    }\n  }\n}": types.OrderUpdatedDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateFulfillmentCancellation($input: CreateFulfillmentCancellationInput!) {\n  createFulfillmentCancellation(input: $input) {\n    fulfillmentCancellation {\n      ...CancellationFields\n    }\n    userErrors {\n      field\n      code\n      message\n    }\n  }\n}"): (typeof documents)["mutation CreateFulfillmentCancellation($input: CreateFulfillmentCancellationInput!) {\n  createFulfillmentCancellation(input: $input) {\n    fulfillmentCancellation {\n      ...CancellationFields\n    }\n    userErrors {\n      field\n      code\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateFulfillment($input: CreateFulfillmentInput!) {\n  createFulfillment(input: $input) {\n    fulfillment {\n      id\n      orderId\n      createdTime\n      trackingCompany\n      trackingNumber\n      trackingUrl\n      items {\n        itemId\n        quantity\n        cancelQuantity\n      }\n    }\n    userErrors {\n      field\n      code\n      message\n    }\n  }\n}"): (typeof documents)["mutation CreateFulfillment($input: CreateFulfillmentInput!) {\n  createFulfillment(input: $input) {\n    fulfillment {\n      id\n      orderId\n      createdTime\n      trackingCompany\n      trackingNumber\n      trackingUrl\n      items {\n        itemId\n        quantity\n        cancelQuantity\n      }\n    }\n    userErrors {\n      field\n      code\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment CancellationFields on FulfillmentCancellation {\n  id\n  state\n  reason\n  createdTime\n  fulfillmentOrderId\n  items {\n    fulfillmentOrderItemId\n    quantity\n    quantityAccepted\n    state\n  }\n}\n\nfragment OrderDetailFields on Order {\n  id\n  upstreamId\n  state\n  currency\n  totalAmount\n  createdTime\n  updatedTime\n  items {\n    id\n    productName\n    quantity\n    amount\n    state\n  }\n  fulfillmentOrders {\n    id\n    state\n    items {\n      id\n      name\n      quantity\n      pending\n      backordered\n      shipped\n      cancelled\n      state\n      cancellableQuantity\n      orderItem {\n        id\n        productName\n      }\n    }\n    cancellations {\n      ...CancellationFields\n    }\n  }\n}"): (typeof documents)["fragment CancellationFields on FulfillmentCancellation {\n  id\n  state\n  reason\n  createdTime\n  fulfillmentOrderId\n  items {\n    fulfillmentOrderItemId\n    quantity\n    quantityAccepted\n    state\n  }\n}\n\nfragment OrderDetailFields on Order {\n  id\n  upstreamId\n  state\n  currency\n  totalAmount\n  createdTime\n  updatedTime\n  items {\n    id\n    productName\n    quantity\n    amount\n    state\n  }\n  fulfillmentOrders {\n    id\n    state\n    items {\n      id\n      name\n      quantity\n      pending\n      backordered\n      shipped\n      cancelled\n      state\n      cancellableQuantity\n      orderItem {\n        id\n        productName\n      }\n    }\n    cancellations {\n      ...CancellationFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription FulfillmentCancellationUpdated($id: ID, $orderId: ID, $fulfillmentOrderId: ID) {\n  fulfillmentCancellationUpdated(\n    id: $id\n    orderId: $orderId\n    fulfillmentOrderId: $fulfillmentOrderId\n  ) {\n    eventId\n    type\n    occurredAt\n    previousState\n    fulfillmentCancellation {\n      ...CancellationFields\n      fulfillmentOrder {\n        id\n        state\n        items {\n          id\n          pending\n          cancelled\n          cancellableQuantity\n        }\n      }\n    }\n  }\n}"): (typeof documents)["subscription FulfillmentCancellationUpdated($id: ID, $orderId: ID, $fulfillmentOrderId: ID) {\n  fulfillmentCancellationUpdated(\n    id: $id\n    orderId: $orderId\n    fulfillmentOrderId: $fulfillmentOrderId\n  ) {\n    eventId\n    type\n    occurredAt\n    previousState\n    fulfillmentCancellation {\n      ...CancellationFields\n      fulfillmentOrder {\n        id\n        state\n        items {\n          id\n          pending\n          cancelled\n          cancellableQuantity\n        }\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query OrderDetail($id: ID!) {\n  order(id: $id) {\n    ...OrderDetailFields\n  }\n}"): (typeof documents)["query OrderDetail($id: ID!) {\n  order(id: $id) {\n    ...OrderDetailFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query OrderPage($first: Int!, $after: String, $filter: OrderFilter) {\n  orders(first: $first, after: $after, filter: $filter) {\n    nodes {\n      id\n      state\n      currency\n      totalAmount\n      createdTime\n      items {\n        id\n        productName\n        quantity\n      }\n      fulfillmentOrders {\n        id\n        state\n        items {\n          id\n          cancellableQuantity\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["query OrderPage($first: Int!, $after: String, $filter: OrderFilter) {\n  orders(first: $first, after: $after, filter: $filter) {\n    nodes {\n      id\n      state\n      currency\n      totalAmount\n      createdTime\n      items {\n        id\n        productName\n        quantity\n      }\n      fulfillmentOrders {\n        id\n        state\n        items {\n          id\n          cancellableQuantity\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription OrderUpdated($id: ID!) {\n  orderUpdated(id: $id) {\n    eventId\n    type\n    occurredAt\n    orderId\n    order {\n      ...OrderDetailFields\n    }\n  }\n}"): (typeof documents)["subscription OrderUpdated($id: ID!) {\n  orderUpdated(id: $id) {\n    eventId\n    type\n    occurredAt\n    orderId\n    order {\n      ...OrderDetailFields\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;